using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Newsletter.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Newsletter.IntegrationTests.Subscriptions;

/// <summary>
/// A 100,000-row import through real HTTP. It asserts completeness only; the elapsed time goes to the test output
/// for a human to read (timing assertions belong in benchmarks, not in tests that run on any machine).
/// </summary>
public class SubscriberImportLargeFileTests(ITestOutputHelper output)
{
    private const int Rows = 100_000;

    [Fact]
    public async Task A_hundred_thousand_confirmed_rows_are_all_imported_as_active_subscribers()
    {
        await using var app = new NewsletterApp(smtpPort: null);
        var csv = new StringBuilder("email,keywords,cadence\n");
        for (var i = 0; i < Rows; i++)
        {
            csv.Append($"bulk-{i:D6}@example.org,diffusion;topic {i % 97},{(i % 2 == 0 ? "daily" : "weekly")}\n");
        }

        var body = Encoding.UTF8.GetBytes(csv.ToString());
        using var admin = app.CreateAdminClient();
        admin.Timeout = TimeSpan.FromMinutes(5);

        var stopwatch = Stopwatch.StartNew();
        var response = await admin.PostAsync("/api/admin/subscribers/import?confirmed=true", new ByteArrayContent(body));
        stopwatch.Stop();

        output.WriteLine($"Imported {Rows:N0} rows ({body.Length:N0} bytes) in {stopwatch.Elapsed.TotalSeconds:F2} s");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((Rows, 0, 0), (result.GetProperty("imported").GetInt32(), result.GetProperty("updated").GetInt32(), result.GetProperty("skipped").GetInt32()));
        var active = await admin.GetFromJsonAsync<JsonElement>("/api/admin/subscribers?status=active&pageSize=1");
        Assert.Equal(Rows, active.GetProperty("total").GetInt64());
        var last = await app.SubscriberAsync($"bulk-{Rows - 1:D6}@example.org");
        Assert.Equal(["diffusion", $"topic {(Rows - 1) % 97}"], last.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("weekly", last.GetProperty("cadence").GetString());
    }
}
