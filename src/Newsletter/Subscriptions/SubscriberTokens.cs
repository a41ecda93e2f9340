using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Newsletter.Subscriptions;

/// <summary>
/// Mints and reads the tokens in confirm, manage and unsubscribe links.
/// A token is base64url(purpose | subscriber id | issued-at | MAC), where the MAC is the first 128 bits of
/// HMAC-SHA256 over the rest and the subscriber's nonce, keyed by <see cref="TokenSigningKey"/>.
/// Nothing secret is stored in the database. Manage and unsubscribe tokens carry no issue time, so they stay
/// the same in every email and work for as long as the subscriber exists; confirmation tokens expire.
/// </summary>
public sealed class SubscriberTokens(TokenSigningKey signingKey)
{
    private const int MacLength = 16;
    private const int PayloadLength = 1 + 8 + 8;
    private const int TokenLength = PayloadLength + MacLength;

    /// <summary>The longest string that can be a token; anything longer is refused without decoding.</summary>
    public const int MaxEncodedLength = 64;

    /// <summary>The length of every token as a string (base64url without padding).</summary>
    private static readonly int EncodedLength = Base64Url.GetEncodedLength(TokenLength);

    public string Create(TokenPurpose purpose, long subscriberId, string nonce, DateTimeOffset? issuedAt = null)
    {
        Span<byte> token = stackalloc byte[TokenLength];
        token[0] = (byte)purpose;
        BinaryPrimitives.WriteInt64BigEndian(token[1..], subscriberId);
        BinaryPrimitives.WriteInt64BigEndian(token[9..], issuedAt?.ToUnixTimeSeconds() ?? 0);
        ComputeMac(token[..PayloadLength], nonce, token[PayloadLength..]);
        return Base64Url.EncodeToString(token);
    }

    /// <summary>
    /// Reads the subscriber id and issue time out of a token without trusting them yet; the caller must then
    /// call <see cref="Verify"/> with the subscriber's nonce. Returns false for anything malformed.
    /// </summary>
    public static bool TryRead(string? token, TokenPurpose purpose, out long subscriberId, out DateTimeOffset? issuedAt)
    {
        subscriberId = 0;
        issuedAt = null;
        // Every token has the same length; checking it first also keeps the decoder from throwing on a
        // length no base64 string can have (such as one character).
        if (string.IsNullOrEmpty(token) || token.Length != EncodedLength || !token.All(IsBase64UrlChar))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[MaxEncodedLength];
        if (!Base64Url.TryDecodeFromChars(token, bytes, out var written) || written != TokenLength || bytes[0] != (byte)purpose)
        {
            return false;
        }

        subscriberId = BinaryPrimitives.ReadInt64BigEndian(bytes[1..]);
        var seconds = BinaryPrimitives.ReadInt64BigEndian(bytes[9..]);
        issuedAt = seconds == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        return subscriberId > 0;
    }

    /// <summary>True when <paramref name="token"/> was minted by this key for this purpose, subscriber and nonce.</summary>
    public bool Verify(string token, TokenPurpose purpose, long subscriberId, string nonce)
    {
        if (!TryRead(token, purpose, out var id, out var issuedAt) || id != subscriberId)
        {
            return false;
        }

        var expected = Create(purpose, subscriberId, nonce, issuedAt);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(token));
    }

    private void ComputeMac(ReadOnlySpan<byte> payload, string nonce, Span<byte> destination)
    {
        var nonceBytes = Encoding.UTF8.GetBytes(nonce);
        var data = new byte[payload.Length + nonceBytes.Length];
        payload.CopyTo(data);
        nonceBytes.CopyTo(data, payload.Length);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(signingKey.Key, data, mac);
        mac[..MacLength].CopyTo(destination);
    }

    private static bool IsBase64UrlChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';

    /// <summary>A fresh random nonce for a new subscriber (128 bits, base64url).</summary>
    public static string NewNonce() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}
