using System.Security.Cryptography;
using System.Text;

namespace Newsletter.Web.Hosting;

/// <summary>
/// The admin key, compared in constant time. Null when none is configured outside Development: then every
/// admin request is refused.
/// </summary>
public sealed class AdminApiKey
{
    private readonly byte[]? keyHash;

    public AdminApiKey(string? key, bool generated)
    {
        Value = key;
        Generated = generated;
        keyHash = key is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(key));
    }

    public string? Value { get; }
    public bool Generated { get; }
    public bool IsConfigured => keyHash is not null;

    /// <summary>True when <paramref name="candidate"/> is the key. Hashing first makes the comparison length-independent.</summary>
    public bool Matches(string? candidate) =>
        keyHash is not null && candidate is not null
        && CryptographicOperations.FixedTimeEquals(keyHash, SHA256.HashData(Encoding.UTF8.GetBytes(candidate)));
}
