using System.Buffers.Text;
using System.Security.Cryptography;
using Newsletter.Subscriptions;

namespace Newsletter.Tests.Subscriptions;

public class SubscriberTokensTests
{
    private readonly SubscriberTokens tokens = new(new TokenSigningKey(RandomNumberGenerator.GetBytes(32)));

    [Fact]
    public void A_token_verifies_for_its_purpose_subscriber_and_nonce()
    {
        var token = tokens.Create(TokenPurpose.Manage, 42, "nonce");

        Assert.True(tokens.Verify(token, TokenPurpose.Manage, 42, "nonce"));
        Assert.True(SubscriberTokens.TryRead(token, TokenPurpose.Manage, out var id, out var issuedAt));
        Assert.Equal(42, id);
        Assert.Null(issuedAt);
    }

    [Fact]
    public void Manage_tokens_are_stable_so_every_email_carries_the_same_link() =>
        Assert.Equal(tokens.Create(TokenPurpose.Manage, 7, "n"), tokens.Create(TokenPurpose.Manage, 7, "n"));

    [Fact]
    public void A_token_is_refused_for_another_purpose_subscriber_or_nonce()
    {
        var token = tokens.Create(TokenPurpose.Unsubscribe, 42, "nonce");

        Assert.False(tokens.Verify(token, TokenPurpose.Manage, 42, "nonce"));
        Assert.False(tokens.Verify(token, TokenPurpose.Unsubscribe, 43, "nonce"));
        Assert.False(tokens.Verify(token, TokenPurpose.Unsubscribe, 42, "other nonce"));
    }

    [Fact]
    public void A_token_minted_with_another_key_is_refused()
    {
        var otherKey = new SubscriberTokens(new TokenSigningKey(RandomNumberGenerator.GetBytes(32)));
        var forged = otherKey.Create(TokenPurpose.Manage, 42, "nonce");

        Assert.False(tokens.Verify(forged, TokenPurpose.Manage, 42, "nonce"));
    }

    [Fact]
    public void Any_flipped_bit_is_refused()
    {
        var bytes = Base64Url.DecodeFromChars(tokens.Create(TokenPurpose.Manage, 42, "nonce"));
        for (var bit = 0; bit < bytes.Length * 8; bit++)
        {
            var tampered = (byte[])bytes.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(tokens.Verify(Base64Url.EncodeToString(tampered), TokenPurpose.Manage, 42, "nonce"), $"bit {bit}");
        }
    }

    [Fact]
    public void The_secret_part_has_at_least_128_bits()
    {
        var a = Base64Url.DecodeFromChars(tokens.Create(TokenPurpose.Manage, 1, "n"));
        Assert.True(a.Length - 17 >= 16);
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("abcde")]
    [InlineData("abc")]
    [InlineData("x")]
    [InlineData("xxxxx")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AgAAAAAAAAAqAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("<script>alert(1)</script>")]
    public void Garbage_is_refused_without_throwing(string token)
    {
        Assert.False(tokens.Verify(token, TokenPurpose.Manage, 42, "nonce"));
    }

    [Fact]
    public void Confirmation_tokens_carry_their_issue_time()
    {
        var issued = DateTimeOffset.FromUnixTimeSeconds(1_790_000_000);
        var token = tokens.Create(TokenPurpose.Confirm, 5, "n", issued);

        Assert.True(SubscriberTokens.TryRead(token, TokenPurpose.Confirm, out _, out var read));
        Assert.Equal(issued, read);
        Assert.True(tokens.Verify(token, TokenPurpose.Confirm, 5, "n"));
    }

    [Fact]
    public void A_paper_token_names_its_purpose_subscriber_and_paper_and_verifies_with_the_subscribers_nonce()
    {
        var token = tokens.CreateForPaper(TokenPurpose.MoreLikeThis, 42, 1234, "nonce");

        Assert.True(SubscriberTokens.TryReadForPaper(token, out var purpose, out var subscriberId, out var paperId));
        Assert.Equal((TokenPurpose.MoreLikeThis, 42L, 1234L), (purpose, subscriberId, paperId));
        Assert.True(tokens.VerifyForPaper(token, 42, "nonce"));
        Assert.Equal(token, tokens.CreateForPaper(TokenPurpose.MoreLikeThis, 42, 1234, "nonce"));
        Assert.NotEqual(token, tokens.CreateForPaper(TokenPurpose.LessLikeThis, 42, 1234, "nonce"));
    }

    [Theory]
    [InlineData(1L, 1L, 26)]
    [InlineData(2_097_151L, 2_097_151L, 31)]
    [InlineData(long.MaxValue, long.MaxValue, 47)]
    public void Paper_tokens_are_short_url_safe_and_round_trip_any_ids(long subscriberId, long paperId, int length)
    {
        var token = tokens.CreateForPaper(TokenPurpose.LessLikeThis, subscriberId, paperId, "n");

        Assert.Equal(length, token.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", token);
        Assert.True(SubscriberTokens.TryReadForPaper(token, out _, out var readSubscriber, out var readPaper));
        Assert.Equal((subscriberId, paperId), (readSubscriber, readPaper));
        Assert.True(tokens.VerifyForPaper(token, subscriberId, "n"));
    }

    [Fact]
    public void A_paper_token_is_refused_for_another_subscriber_nonce_or_key_and_with_any_flipped_bit()
    {
        var token = tokens.CreateForPaper(TokenPurpose.MoreLikeThis, 42, 7, "nonce");
        var otherKey = new SubscriberTokens(new TokenSigningKey(RandomNumberGenerator.GetBytes(32)));

        Assert.False(tokens.VerifyForPaper(token, 43, "nonce"));
        Assert.False(tokens.VerifyForPaper(token, 42, "rotated nonce"));
        Assert.False(tokens.VerifyForPaper(otherKey.CreateForPaper(TokenPurpose.MoreLikeThis, 42, 7, "nonce"), 42, "nonce"));
        var bytes = Base64Url.DecodeFromChars(token);
        for (var bit = 0; bit < bytes.Length * 8; bit++)
        {
            var tampered = (byte[])bytes.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(tokens.VerifyForPaper(Base64Url.EncodeToString(tampered), 42, "nonce"), $"bit {bit}");
        }
    }

    [Fact]
    public void Paper_tokens_and_subscriber_tokens_are_never_taken_for_one_another()
    {
        foreach (var purpose in new[] { TokenPurpose.Confirm, TokenPurpose.Manage, TokenPurpose.Unsubscribe })
        {
            var token = tokens.Create(purpose, 42, "nonce", purpose == TokenPurpose.Confirm ? DateTimeOffset.UtcNow : null);
            Assert.False(SubscriberTokens.TryReadForPaper(token, out _, out _, out _), purpose.ToString());
            Assert.False(tokens.VerifyForPaper(token, 42, "nonce"), purpose.ToString());
        }

        var paperToken = tokens.CreateForPaper(TokenPurpose.MoreLikeThis, 42, 1, "nonce");
        foreach (var purpose in Enum.GetValues<TokenPurpose>())
        {
            Assert.False(tokens.Verify(paperToken, purpose, 42, "nonce"), purpose.ToString());
        }

        Assert.Throws<ArgumentException>(() => tokens.CreateForPaper(TokenPurpose.Manage, 42, 1, "nonce"));
    }

    [Fact]
    public void A_paper_token_with_its_ids_written_longer_than_needed_is_refused_even_with_a_valid_MAC()
    {
        // purpose 4, subscriber 42 as the two-byte varint AA 00 (one byte, 2A, is the shortest), paper 1.
        byte[] payload = [(byte)TokenPurpose.MoreLikeThis, 0xAA, 0x00, 0x01];
        var data = payload.Concat(System.Text.Encoding.UTF8.GetBytes("nonce")).ToArray();
        var key = new TokenSigningKey(RandomNumberGenerator.GetBytes(32));
        var mac = HMACSHA256.HashData(key.Key, data)[..16];
        var token = Base64Url.EncodeToString([.. payload, .. mac]);

        Assert.True(SubscriberTokens.TryReadForPaper(token, out _, out var subscriberId, out _));
        Assert.Equal(42, subscriberId);
        Assert.False(new SubscriberTokens(key).VerifyForPaper(token, 42, "nonce"));
    }

    [Fact]
    public void A_paper_token_whose_last_character_carries_stray_bits_or_that_has_an_impossible_length_is_refused_without_throwing()
    {
        var token = tokens.CreateForPaper(TokenPurpose.MoreLikeThis, 42, 1234, "nonce");
        Assert.Equal(27, token.Length); // 20 bytes: the last character holds 4 bits and 2 unused ones

        foreach (var last in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        {
            var changed = token[..^1] + last;
            Assert.Equal(changed == token, tokens.VerifyForPaper(changed, 42, "nonce"));
        }

        Assert.False(tokens.VerifyForPaper(token + "A", 42, "nonce"));
        Assert.False(tokens.VerifyForPaper(token + "AA", 42, "nonce"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("BCoB")]
    [InlineData("BCoBAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("BP__________________AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("<script>alert(1)</script>")]
    public void Garbage_is_not_a_paper_token_and_does_not_throw(string token)
    {
        Assert.False(tokens.VerifyForPaper(token, 42, "nonce"));
    }

    [Fact]
    public void The_signing_key_is_created_once_and_reused()
    {
        var directory = Path.Combine(Path.GetTempPath(), "newsletter-key-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = new SubscriberTokens(TokenSigningKey.LoadOrCreate(directory));
            var second = new SubscriberTokens(TokenSigningKey.LoadOrCreate(directory));

            Assert.Equal(first.Create(TokenPurpose.Manage, 1, "n"), second.Create(TokenPurpose.Manage, 1, "n"));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite,
                File.GetUnixFileMode(Path.Combine(directory, TokenSigningKey.FileName)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
