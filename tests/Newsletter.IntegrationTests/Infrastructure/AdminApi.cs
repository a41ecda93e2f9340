using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Newsletter.IntegrationTests.Infrastructure;

/// <summary>Reads subscribers and starts runs through the real admin API, as an operator would.</summary>
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

    /// <summary>
    /// Imports the sample papers and <paramref name="subscribers"/> confirmed readers of "SAM" and "diffusion"
    /// (reader0@example.org, …), starts a digest run for all of them and returns its id.
    /// </summary>
    public static async Task<long> StartRunForReadersAsync(this HttpClient admin, int subscribers)
    {
        (await admin.PostAsync("/api/admin/papers/import", new ByteArrayContent(Fixture.Paper("daily-papers-sample.txt")))).EnsureSuccessStatusCode();
        var csv = "email,keywords,cadence\n" + string.Join("\n", Enumerable.Range(0, subscribers).Select(i => $"reader{i}@example.org,SAM;diffusion,daily"));
        (await admin.PostAsync("/api/admin/subscribers/import?confirmed=true", new StringContent(csv, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        var started = await admin.PostAsJsonAsync("/api/admin/digests/runs", new { });
        return (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetInt64();
    }
}
