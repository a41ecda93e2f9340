using System.Net.Http.Json;
using System.Text.Json;

namespace Newsletter.IntegrationTests.Infrastructure;

/// <summary>Reads subscribers through the real admin API, as an operator would.</summary>
public static class AdminApi
{
    public static async Task<JsonElement> SubscriberAsync(this NewsletterApp app, string email)
    {
        using var client = app.CreateAdminClient();
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/admin/subscribers?email={Uri.EscapeDataString(email)}");
        var matches = page.GetProperty("subscribers").EnumerateArray()
            .Where(s => s.GetProperty("email").GetString()!.Equals(email, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Single(matches);
        return matches[0];
    }

    public static async Task<string> StatusOfAsync(this NewsletterApp app, string email) =>
        (await app.SubscriberAsync(email)).GetProperty("status").GetString()!;

    public static async Task<long> SubscriberCountAsync(this NewsletterApp app)
    {
        using var client = app.CreateAdminClient();
        var page = await client.GetFromJsonAsync<JsonElement>("/api/admin/subscribers");
        return page.GetProperty("total").GetInt64();
    }
}
