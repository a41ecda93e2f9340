using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Newsletter.Subscriptions;
using Newsletter.Data;

namespace Newsletter.Privacy;

/// <summary>
/// Addresses that must not be re-added by an import, kept as HMAC-SHA256 of the normalised address under the
/// token signing key (outside the database), so the list cannot be read back into addresses.
/// </summary>
public sealed class SuppressionList(TokenSigningKey key)
{
    public string Hash(string email) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key.Key, Encoding.UTF8.GetBytes("suppress:" + EmailAddressRules.Normalize(email))));

    public Task AddAsync(DbConnection connection, DbTransaction transaction, IEnumerable<string> emails, string reason, DateTime now) =>
        connection.ExecuteAsync("""
            INSERT INTO suppressions (email_hash, reason, created_at) VALUES (@hash, @reason, @now)
            ON CONFLICT (email_hash) DO NOTHING
            """, emails.Select(email => new { hash = Hash(email), reason, now }), transaction);

    public Task RemoveAsync(DbConnection connection, DbTransaction transaction, string email) =>
        connection.ExecuteAsync("DELETE FROM suppressions WHERE email_hash = @hash", new { hash = Hash(email) }, transaction);

    /// <summary>Which of <paramref name="emails"/> are suppressed (the list travels as one JSON parameter).</summary>
    public async Task<HashSet<string>> SuppressedAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string> emails)
    {
        var byHash = emails.Distinct().ToDictionary(Hash, e => e);
        var found = await connection.QueryAsync<string>(
            $"SELECT email_hash FROM suppressions WHERE email_hash IN ({connection.Dialect().Texts("@hashes")})",
            new { hashes = JsonSerializer.Serialize(byHash.Keys) }, transaction);
        return found.Select(h => byHash[h]).ToHashSet(StringComparer.Ordinal);
    }
}
