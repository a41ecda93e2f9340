using Dapper;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsletter.Data;
using System.Text.Json;

namespace Newsletter.Privacy;

/// <summary>
/// Daily: erases subscribers who unsubscribed more than <see cref="PrivacyOptions.RetainUnsubscribedDays"/> ago,
/// with their keywords, digests and emails, leaving only a hashed suppression entry.
/// </summary>
public sealed class UnsubscribedPurgeJob(
    IDatabase database, SuppressionList suppressions, IOptions<PrivacyOptions> options, TimeProvider clock, ILogger<UnsubscribedPurgeJob> logger)
{
    [AutomaticRetry(Attempts = 3)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now.AddDays(-options.Value.RetainUnsubscribedDays);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var leavers = (await connection.QueryAsync<(long Id, string Email)>(
            "SELECT id, email_normalized FROM subscribers WHERE status = 'unsubscribed' AND unsubscribed_at < @cutoff",
            new { cutoff }, transaction)).ToList();
        if (leavers.Count > 0)
        {
            await suppressions.AddAsync(connection, transaction, leavers.Select(l => l.Email), "unsubscribed", now);
            await connection.ExecuteAsync($"DELETE FROM subscribers WHERE id IN ({connection.Dialect().Ids("@ids")})",
                new { ids = JsonSerializer.Serialize(leavers.Select(l => l.Id)) }, transaction);
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Purged {Count} subscribers unsubscribed before {Cutoff:yyyy-MM-dd}", leavers.Count, cutoff);
        return leavers.Count;
    }
}
