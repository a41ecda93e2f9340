using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Newsletter.Subscriptions;

/// <summary>
/// Mints and reads the tokens in confirm, manage, unsubscribe and feedback links.
/// A token is base64url(purpose | subscriber id | issued-at | MAC), where the MAC is the first 128 bits of
/// HMAC-SHA256 over the rest and the subscriber's nonce, keyed by <see cref="TokenSigningKey"/>.
/// Nothing secret is stored in the database. Manage and unsubscribe tokens carry no issue time, so they stay
/// the same in every email and work for as long as the subscriber exists; confirmation tokens expire.
/// Feedback tokens (<see cref="CreateForPaper"/>) are bound to one paper as well; rotating the nonce revokes
/// every token of a subscriber, whatever its purpose.
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

    /// <summary>The shortest paper token: purpose, two one-byte ids and the MAC.</summary>
    private static readonly int MinPaperTokenLength = Base64Url.GetEncodedLength(1 + 1 + 1 + MacLength);

    /// <summary>True for the purposes whose tokens name a paper as well as a subscriber.</summary>
    public static bool IsPaperBound(TokenPurpose purpose) => purpose is TokenPurpose.MoreLikeThis or TokenPurpose.LessLikeThis;

    /// <summary>
    /// A token for one subscriber and one paper: base64url(purpose | subscriber id | paper id | MAC), the ids as
    /// unsigned LEB128 varints so that the dozens of such links in a digest stay short (31 characters while both
    /// ids are below 2,097,152). The MAC is the same as every other token's: same key, same nonce. Stable, like
    /// manage links: the same subscriber, paper and purpose always give the same token.
    /// </summary>
    public string CreateForPaper(TokenPurpose purpose, long subscriberId, long paperId, string nonce)
    {
        if (!IsPaperBound(purpose) || subscriberId <= 0 || paperId <= 0)
        {
            throw new ArgumentException($"A paper token needs a paper-bound purpose and positive ids, not {purpose}, {subscriberId}, {paperId}.");
        }

        Span<byte> token = stackalloc byte[1 + 10 + 10 + MacLength];
        token[0] = (byte)purpose;
        var length = 1 + TokenVarint.Write(token[1..], (ulong)subscriberId);
        length += TokenVarint.Write(token[length..], (ulong)paperId);
        ComputeMac(token[..length], nonce, token[length..]);
        return Base64Url.EncodeToString(token[..(length + MacLength)]);
    }

    /// <summary>
    /// Reads purpose, subscriber and paper out of a paper token without trusting them yet; the caller must then
    /// call <see cref="VerifyForPaper"/> with the subscriber's nonce. False for anything malformed, and for a
    /// token of a purpose that names no paper (confirm, manage, unsubscribe).
    /// </summary>
    public static bool TryReadForPaper(string? token, out TokenPurpose purpose, out long subscriberId, out long paperId)
    {
        purpose = default;
        subscriberId = paperId = 0;
        if (string.IsNullOrEmpty(token) || token.Length < MinPaperTokenLength || token.Length > MaxEncodedLength || !token.All(IsBase64UrlChar))
        {
            return false;
        }

        // Unlike the fixed-length tokens, these can end in a character whose unused low bits are set (or have a
        // length no base64 text has), which the decoder rejects by throwing.
        Span<byte> bytes = stackalloc byte[MaxEncodedLength];
        int written;
        try
        {
            if (!Base64Url.TryDecodeFromChars(token, bytes, out written) || !IsPaperBound((TokenPurpose)bytes[0]))
            {
                return false;
            }
        }
        catch (FormatException)
        {
            return false;
        }

        var payload = bytes[..written];
        var read = 1;
        if (!TokenVarint.TryRead(payload, ref read, out var subscriber) || !TokenVarint.TryRead(payload, ref read, out var paper) || written - read != MacLength)
        {
            return false;
        }

        (purpose, subscriberId, paperId) = ((TokenPurpose)bytes[0], subscriber, paper);
        return true;
    }

    /// <summary>
    /// True when <paramref name="token"/> was minted by this key for this subscriber and nonce (and the purpose
    /// and paper it names). A token whose ids are written in any but the shortest form is refused.
    /// </summary>
    public bool VerifyForPaper(string token, long subscriberId, string nonce)
    {
        if (!TryReadForPaper(token, out var purpose, out var id, out var paperId) || id != subscriberId)
        {
            return false;
        }

        var expected = CreateForPaper(purpose, subscriberId, paperId, nonce);
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
