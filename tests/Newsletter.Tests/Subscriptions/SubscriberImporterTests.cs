using System.Text;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newsletter.Delivery;
using Newsletter.Subscriptions;

namespace Newsletter.Tests.Subscriptions;

public class SubscriberImporterTests : IAsyncLifetime
{
    private const string Header = "email,keywords,cadence\n";
    private TestDatabase test = default!;
    private SubscriberImporter importer = default!;
    private readonly SubscriberStore store = new();

    public async Task InitializeAsync()
    {
        test = await TestDatabase.CreateAsync();
        importer = new SubscriberImporter(test.Database, new OutboxStore(test.Database),
            new Newsletter.Privacy.SuppressionList(new TokenSigningKey(new byte[32])), new DeliverySignal(),
            Options.Create(new NewsletterOptions()), TimeProvider.System, NullLogger<SubscriberImporter>.Instance);
    }

    public Task DisposeAsync()
    {
        test.Dispose();
        return Task.CompletedTask;
    }

    private Task<SubscriberImportResult> ImportAsync(string csv, bool confirmed) =>
        importer.ImportAsync(Encoding.UTF8.GetBytes(csv), confirmed);

    private async Task<Subscriber> FindAsync(string email)
    {
        await using var connection = await test.Database.OpenAsync();
        return (await store.FindByEmailAsync(connection, email))!;
    }

    private async Task<IReadOnlyList<(string Kind, string Recipient)>> OutboxAsync()
    {
        await using var connection = await test.Database.OpenAsync();
        return (await connection.QueryAsync<(string, string)>("SELECT kind, recipient FROM outbox ORDER BY id")).ToList();
    }

    private async Task ExistingAsync(string email, string status)
    {
        await using var connection = await test.Database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var id = await store.InsertAsync(connection, transaction, email,
            new SubscriptionPreferences(["old"], Cadence.Daily, 9, "Europe/Paris"), SubscriberStatus.Pending, SubscriberTokens.NewNonce(), DateTime.UtcNow);
        await store.SetStatusAsync(connection, transaction, id, status, DateTime.UtcNow);
        await transaction.CommitAsync();
    }

    [Fact]
    public async Task Confirmed_rows_become_active_at_once_with_their_keywords_and_no_email()
    {
        var result = await ImportAsync(Header + "ada@example.org, diffusion ; SAM;;sam ,weekly\ngrace@example.org,pruning,\n", confirmed: true);

        Assert.Equal((2, 0, 0), (result.Imported, result.Updated, result.Skipped));
        var ada = await FindAsync("ada@example.org");
        Assert.Equal(SubscriberStatus.Active, ada.Status);
        Assert.Equal(["diffusion", "SAM"], ada.Keywords);
        Assert.Equal(Cadence.Weekly, ada.Cadence);
        Assert.NotNull(ada.ConfirmedAt);
        Assert.Equal((SubscriptionPreferences.DefaultSendHour, SubscriptionPreferences.DefaultTimeZone), (ada.SendHour, ada.TimeZone));
        Assert.Equal(Cadence.Daily, (await FindAsync("grace@example.org")).Cadence);
        Assert.Empty(await OutboxAsync());
    }

    [Fact]
    public async Task Unconfirmed_rows_become_pending_with_one_confirmation_email_each()
    {
        var result = await ImportAsync(Header + "ada@example.org,diffusion,\nGrace@Example.org,pruning,\n", confirmed: false);

        Assert.Equal((2, 0, 0), (result.Imported, result.Updated, result.Skipped));
        Assert.Equal(SubscriberStatus.Pending, (await FindAsync("ada@example.org")).Status);
        Assert.Null((await FindAsync("ada@example.org")).ConfirmedAt);
        Assert.Equal([(EmailKind.ConfirmSubscription, "ada@example.org"), (EmailKind.ConfirmSubscription, "Grace@Example.org")], await OutboxAsync());
    }

    [Theory]
    [InlineData(SubscriberStatus.Active, false, SubscriberStatus.Active, null, 0)]
    [InlineData(SubscriberStatus.Active, true, SubscriberStatus.Active, null, 0)]
    [InlineData(SubscriberStatus.Pending, false, SubscriberStatus.Pending, null, 1)]
    [InlineData(SubscriberStatus.Pending, true, SubscriberStatus.Active, null, 0)]
    [InlineData(SubscriberStatus.Unsubscribed, false, SubscriberStatus.Unsubscribed, "unsubscribed", 0)]
    [InlineData(SubscriberStatus.Unsubscribed, true, SubscriberStatus.Active, null, 0)]
    [InlineData(SubscriberStatus.Bounced, false, SubscriberStatus.Bounced, "bounced", 0)]
    [InlineData(SubscriberStatus.Bounced, true, SubscriberStatus.Active, null, 0)]
    public async Task An_existing_address_is_updated_or_skipped_by_its_status(
        string status, bool confirmed, string expectedStatus, string? skippedBecause, int emails)
    {
        await ExistingAsync("ada@example.org", status);

        var result = await ImportAsync(Header + "ADA@example.org,new;keywords,weekly\n", confirmed);

        var ada = await FindAsync("ada@example.org");
        Assert.Equal(expectedStatus, ada.Status);
        Assert.Equal("ada@example.org", ada.Email);
        Assert.Equal(emails, (await OutboxAsync()).Count);
        if (skippedBecause is null)
        {
            Assert.Equal((0, 1, 0), (result.Imported, result.Updated, result.Skipped));
            Assert.Equal(["new", "keywords"], ada.Keywords);
            Assert.Equal(Cadence.Weekly, ada.Cadence);
            Assert.Equal((9, "Europe/Paris"), (ada.SendHour, ada.TimeZone));
        }
        else
        {
            Assert.Equal((0, 0, 1), (result.Imported, result.Updated, result.Skipped));
            Assert.Equal(new SubscriberImportError(2, skippedBecause), Assert.Single(result.Errors));
            Assert.Equal(["old"], ada.Keywords);
        }

        if (expectedStatus == SubscriberStatus.Active)
        {
            Assert.NotNull(ada.ConfirmedAt);
            Assert.Null(ada.UnsubscribedAt);
        }
    }

    [Fact]
    public async Task Bad_rows_are_skipped_with_their_lines_in_order_and_the_good_rows_stored()
    {
        await ExistingAsync("gone@example.org", SubscriberStatus.Unsubscribed);
        var csv = Header
            + "gone@example.org,diffusion,\n"       // 2: unsubscribed
            + "not an address,diffusion,\n"         // 3
            + "ok1@example.org,diffusion,\n"        // 4
            + "ok2@example.org,,daily\n"            // 5: no keywords
            + "ok3@example.org,x,hourly\n"          // 6: cadence
            + "ok4@example.org,x\n"                 // 7: two fields
            + "OK1@example.org,again,\n"            // 8: duplicate of line 4
            + ",,\n"                                // 9: an empty spreadsheet row, ignored
            + "ok5@example.org,\"a, b;c\",weekly\n"; // 10
        var result = await ImportAsync(csv, confirmed: false);

        Assert.Equal((2, 0, 6), (result.Imported, result.Updated, result.Skipped));
        Assert.Equal([2, 3, 5, 6, 7, 8], result.Errors.Select(e => e.Line));
        Assert.Equal("unsubscribed", result.Errors[0].Reason);
        Assert.Contains("email address", result.Errors[1].Reason);
        Assert.Contains("keyword", result.Errors[2].Reason);
        Assert.Contains("Cadence", result.Errors[3].Reason);
        Assert.Contains("found 2", result.Errors[4].Reason);
        Assert.Contains("line 4", result.Errors[5].Reason);
        Assert.Equal(["diffusion"], (await FindAsync("ok1@example.org")).Keywords);
        Assert.Equal(["a, b", "c"], (await FindAsync("ok5@example.org")).Keywords);
        Assert.Equal(2, (await OutboxAsync()).Count);
    }

    [Fact]
    public async Task Thousands_of_rows_across_several_chunks_are_all_stored_and_found_again()
    {
        var count = SubscriberImporter.ChunkSize * 2 + 123;
        string Csv(string cadence) => Header + string.Concat(Enumerable.Range(0, count).Select(i => $"r{i}@example.org,k{i};shared,{cadence}\n"));

        var first = await ImportAsync(Csv("daily"), confirmed: true);
        var second = await ImportAsync(Csv("weekly"), confirmed: false);

        Assert.Equal((count, 0, 0), (first.Imported, first.Updated, first.Skipped));
        Assert.Equal((0, count, 0), (second.Imported, second.Updated, second.Skipped));
        await using var connection = await test.Database.OpenAsync();
        Assert.Equal(count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM subscribers WHERE status = 'active' AND cadence = 'weekly'"));
        Assert.Equal(count * 2, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM subscriber_keywords"));
        Assert.Equal(count, await connection.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT token_nonce) FROM subscribers"));
        Assert.Empty(await OutboxAsync());
        Assert.Equal(["k10122", "shared"], (await FindAsync("r10122@example.org")).Keywords);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("a@example.org,diffusion,daily\n")]
    [InlineData("email,keywords\na@example.org,diffusion\n")]
    [InlineData("keywords,email,cadence\ndiffusion,a@example.org,daily\n")]
    [InlineData("email,keywords,cadence,sendHour\n")]
    [InlineData("\"email,keywords,cadence\n")]
    public async Task A_file_without_the_header_is_refused_and_stores_nothing(string csv)
    {
        var error = await Assert.ThrowsAsync<SubscriberImportException>(() => ImportAsync(csv, confirmed: true));

        Assert.Contains("email,keywords,cadence", error.Message);
        await using var connection = await test.Database.OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM subscribers"));
    }

    [Fact]
    public async Task The_header_may_differ_in_case_and_spacing_and_follow_a_byte_order_mark()
    {
        byte[] csv = [0xEF, 0xBB, 0xBF, .. "Email , KEYWORDS,Cadence\r\na@example.org,x,\r\n"u8];

        var result = await importer.ImportAsync(csv, confirmed: true);

        Assert.Equal(1, result.Imported);
    }

    [Fact]
    public async Task Invalid_UTF8_is_refused_saying_where()
    {
        byte[] csv = [.. "email,keywords,cadence\na@example.org,"u8, 0xFF, .. ",daily\n"u8];

        var error = await Assert.ThrowsAsync<SubscriberImportException>(() => importer.ImportAsync(csv, confirmed: true));

        Assert.Contains("UTF-8", error.Message);
    }
}
