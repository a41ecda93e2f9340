using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsletter.Delivery;
using Newsletter.Privacy;
using Newsletter.Subscriptions;

namespace Newsletter.Tests.Privacy;

/// <summary>People who left are erased after the retention period; only a hash stays, and it stops imports.</summary>
public class UnsubscribedPurgeTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly SuppressionList suppressions = new(new TokenSigningKey(RandomNumberGenerator.GetBytes(32)));
    private readonly SubscriberTokens tokens = new(new TokenSigningKey(RandomNumberGenerator.GetBytes(32)));
    private TestDatabase test = default!;
    private SubscriptionService subscriptions = default!;
    private SubscriberImporter importer = default!;
    private UnsubscribedPurgeJob purge = default!;

    public async Task InitializeAsync()
    {
        test = await TestDatabase.CreateAsync();
        var outbox = new OutboxStore(test.Database);
        subscriptions = new SubscriptionService(test.Database, new SubscriberStore(), outbox, tokens, suppressions, new DeliverySignal(),
            Options.Create(new NewsletterOptions()), clock);
        importer = new SubscriberImporter(test.Database, outbox, suppressions, new DeliverySignal(), Options.Create(new NewsletterOptions()),
            clock, NullLogger<SubscriberImporter>.Instance);
        purge = new UnsubscribedPurgeJob(test.Database, suppressions, Options.Create(new PrivacyOptions { RetainUnsubscribedDays = 30 }),
            clock, NullLogger<UnsubscribedPurgeJob>.Instance);
    }

    public Task DisposeAsync()
    {
        test.Dispose();
        return Task.CompletedTask;
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await test.Database.OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql))!;
    }

    private async Task LeaveAsync(string email)
    {
        await subscriptions.SubscribeAsync(email, new SubscriptionPreferences(["SAM"], "daily", 7, "UTC"));
        await using var connection = await test.Database.OpenAsync();
        await connection.ExecuteAsync("UPDATE subscribers SET status = 'unsubscribed', unsubscribed_at = @now WHERE email = @email",
            new { email, now = clock.GetUtcNow().UtcDateTime });
    }

    [Fact]
    public async Task Leavers_are_erased_after_the_retention_period_and_only_a_hash_stays()
    {
        await LeaveAsync("early@example.org");
        clock.Advance(TimeSpan.FromDays(20));
        await LeaveAsync("recent@example.org");
        clock.Advance(TimeSpan.FromDays(11));

        Assert.Equal(1, await purge.RunAsync(CancellationToken.None));

        Assert.Equal(0, await ScalarAsync<long>("SELECT COUNT(*) FROM subscribers WHERE email = 'early@example.org'"));
        Assert.Equal(1, await ScalarAsync<long>("SELECT COUNT(*) FROM subscribers WHERE email = 'recent@example.org'"));
        Assert.Equal(0, await ScalarAsync<long>("SELECT COUNT(*) FROM subscriber_keywords k LEFT JOIN subscribers s ON s.id = k.subscriber_id WHERE s.id IS NULL"));
        Assert.Equal(0, await ScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE recipient = 'early@example.org'"));
        var hash = await ScalarAsync<string>("SELECT email_hash FROM suppressions");
        Assert.Equal(suppressions.Hash("Early@Example.org"), hash);
        Assert.DoesNotContain("early", hash);
    }

    [Fact]
    public async Task An_import_cannot_re_add_a_purged_leaver_even_when_confirmed()
    {
        await LeaveAsync("gone@example.org");
        clock.Advance(TimeSpan.FromDays(31));
        await purge.RunAsync(CancellationToken.None);

        var result = await importer.ImportAsync(Encoding.UTF8.GetBytes("email,keywords,cadence\nGONE@example.org,SAM,daily\nnew@example.org,SAM,daily\n"), confirmed: true);

        Assert.Equal((1, 1), (result.Imported, result.Skipped));
        Assert.Contains("unsubscribed earlier", Assert.Single(result.Errors).Reason);
        Assert.Equal(0, await ScalarAsync<long>("SELECT COUNT(*) FROM subscribers WHERE email_normalized = 'gone@example.org'"));
    }

    [Fact]
    public async Task The_person_can_come_back_by_confirming_and_that_lifts_the_suppression()
    {
        await LeaveAsync("back@example.org");
        clock.Advance(TimeSpan.FromDays(31));
        await purge.RunAsync(CancellationToken.None);

        await subscriptions.SubscribeAsync("back@example.org", new SubscriptionPreferences(["MoE"], "daily", 7, "UTC"));
        var id = await ScalarAsync<long>("SELECT id FROM subscribers WHERE email = 'back@example.org'");
        var nonce = await ScalarAsync<string>($"SELECT token_nonce FROM subscribers WHERE id = {id}");
        var token = tokens.Create(TokenPurpose.Confirm, id, nonce, clock.GetUtcNow());
        Assert.NotNull(await subscriptions.ConfirmAsync(token));

        Assert.Equal(0, await ScalarAsync<long>("SELECT COUNT(*) FROM suppressions"));
    }
}
