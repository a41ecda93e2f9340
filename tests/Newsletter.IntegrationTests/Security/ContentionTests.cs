using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Newsletter.IntegrationTests.Infrastructure;

namespace Newsletter.IntegrationTests.Security;

/// <summary>People keep subscribing while a big digest run writes: SQLite's single writer must never show.</summary>
public class ContentionTests
{
    [Fact]
    public async Task Sixty_four_concurrent_subscribes_during_a_20000_subscriber_build_all_succeed_and_are_stored()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var app = new NewsletterApp(smtp.Port, new Dictionary<string, string?> { ["Digests:BatchSize"] = "500" });
        using var admin = app.CreateAdminClient();
        (await admin.PostAsync("/api/admin/papers/import", new ByteArrayContent(Fixture.Paper("daily-papers-sample.txt")))).EnsureSuccessStatusCode();
        var csv = "email,keywords,cadence\n" + string.Join("\n", Enumerable.Range(0, 20_000).Select(i => $"reader{i}@example.org,SAM;model;diffusion,daily"));
        (await admin.PostAsync("/api/admin/subscribers/import?confirmed=true", new StringContent(csv, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();

        var started = await admin.PostAsJsonAsync("/api/admin/digests/runs", new { });
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetInt64();
        var during = await Eventually.HoldsAsync(
            () => admin.GetFromJsonAsync<JsonElement>($"/api/admin/digests/runs/{runId}"),
            r => r.GetProperty("built").GetInt32() > 0, "the build to be under way");
        Assert.Equal("running", during.GetProperty("status").GetString());

        var responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(async i =>
        {
            using var client = app.HttpClient();
            return await client.PostAsJsonAsync("/api/subscriptions", new { email = $"newcomer{i}@example.org", keywords = new[] { "SAM" } });
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var pending = await admin.GetFromJsonAsync<JsonElement>("/api/admin/subscribers?status=pending&pageSize=500");
        Assert.Equal(64, pending.GetProperty("total").GetInt32());
        Assert.Equal("running", (await admin.GetFromJsonAsync<JsonElement>($"/api/admin/digests/runs/{runId}")).GetProperty("status").GetString());
    }
}
