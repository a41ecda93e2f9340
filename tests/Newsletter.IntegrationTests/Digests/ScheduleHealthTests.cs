using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Newsletter.IntegrationTests.Infrastructure;

namespace Newsletter.IntegrationTests.Digests;

/// <summary>A schedule that fails is loud: /health, the schedule endpoint and the start-up log say so, without reading Hangfire.</summary>
public class ScheduleHealthTests
{
    [Fact]
    public async Task When_the_schedule_job_fails_health_is_degraded_naming_the_job_and_the_error_until_it_works_again()
    {
        await using var world = await DigestWorld.StartEmptyAsync(new Dictionary<string, string?> { ["Digests:Cron"] = "* * * * * *" });
        using var client = world.App.HttpClient();
        await Eventually.HoldsAsync(() => HealthAsync(client), h => Status(h) == "Healthy" && LastSucceeded(h) is not null,
            "a first successful firing");

        await using (var connection = await world.App.OpenDatabaseAsync())
        {
            await connection.ExecuteAsync("ALTER TABLE digest_schedule RENAME TO digest_schedule_away");
        }

        var degraded = await Eventually.HoldsAsync(() => HealthAsync(client), h => Status(h) == "Degraded", "health to degrade");
        var check = degraded.GetProperty("checks").GetProperty("recurringJobs");
        Assert.Contains("digests:schedule failed at", check.GetProperty("description").GetString());
        Assert.Contains("digest_schedule", check.GetProperty("data").GetProperty("digests:schedule").GetProperty("lastError").GetString());

        await using (var connection = await world.App.OpenDatabaseAsync())
        {
            await connection.ExecuteAsync("ALTER TABLE digest_schedule_away RENAME TO digest_schedule");
        }

        await Eventually.HoldsAsync(() => HealthAsync(client), h => Status(h) == "Healthy", "health to recover once a firing succeeds");
    }

    [Fact]
    public async Task The_start_up_log_says_when_the_digest_schedule_fires_next()
    {
        await using var world = await DigestWorld.StartEmptyAsync();
        using var client = world.App.HttpClient();
        await HealthAsync(client); // started

        var line = Assert.Single(world.App.Logs.Lines, l => l.Contains("Recurring job digests:schedule (0 * * * *, UTC) fires next at ", StringComparison.Ordinal));
        var next = DateTime.Parse(line[(line.IndexOf("fires next at ", StringComparison.Ordinal) + 14)..].Trim().Split(' ')[0],
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.InRange(next, DateTime.UtcNow, DateTime.UtcNow.AddHours(1));
        Assert.Equal(0, next.Minute);
    }

    private static async Task<JsonElement> HealthAsync(HttpClient client) =>
        JsonDocument.Parse(await (await client.GetAsync("/health")).Content.ReadAsStringAsync()).RootElement;

    private static string? Status(JsonElement health) => health.GetProperty("status").GetString();

    private static string? LastSucceeded(JsonElement health) =>
        health.GetProperty("checks").GetProperty("recurringJobs").GetProperty("data").TryGetProperty("digests:schedule", out var job)
            && job.GetProperty("lastSucceededAt").ValueKind == JsonValueKind.String
            ? job.GetProperty("lastSucceededAt").GetString()
            : null;
}
