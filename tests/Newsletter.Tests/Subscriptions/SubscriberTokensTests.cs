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
