using Newsletter.Subscriptions;

namespace Newsletter.Tests.Subscriptions;

public class EmailAddressRulesTests
{
    [Theory]
    [InlineData("ada@example.org")]
    [InlineData("  ada.lovelace+papers@mail.example.co.uk  ")]
    [InlineData("o'brien@example.ie")]
    [InlineData("user@sub-domain.example.org")]
    public void Accepts_a_single_plain_address(string address) =>
        Assert.Null(EmailAddressRules.Validate(address));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not-an-address")]
    [InlineData("ada@example.org\r\nBcc: victim@example.org")]
    [InlineData("ada@example.org\nX-Injected: 1")]
    [InlineData("ada@example.org\r")]
    [InlineData("ada@example.org, bob@example.org")]
    [InlineData("ada@example.org;bob@example.org")]
    [InlineData("ada@example.org bob@example.org")]
    [InlineData("Ada Lovelace <ada@example.org>")]
    [InlineData("group: ada@example.org;")]
    [InlineData("ada@[127.0.0.1]")]
    [InlineData("ada@127.0.0.1")]
    [InlineData("ada@localhost")]
    [InlineData("ada@@example.org")]
    [InlineData("@example.org")]
    [InlineData("ada@.example.org")]
    [InlineData("ada@example..org")]
    [InlineData("ada@-example.org")]
    [InlineData("ada\0@example.org")]
    public void Refuses_anything_but_one_deliverable_mailbox(string? address) =>
        Assert.NotNull(EmailAddressRules.Validate(address));

    [Fact]
    public void Refuses_addresses_over_254_characters()
    {
        var local = new string('a', 64);
        var domain = string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".org"; // 247 chars
        var address = $"{local}@{domain}";
        Assert.True(address.Length > EmailAddressRules.MaxLength);
        Assert.Contains("254", EmailAddressRules.Validate(address));
    }

    [Fact]
    public void Normalizes_to_trimmed_lower_case() =>
        Assert.Equal("ada@example.org", EmailAddressRules.Normalize("  Ada@Example.ORG "));
}
