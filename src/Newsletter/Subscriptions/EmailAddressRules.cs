using MimeKit;

namespace Newsletter.Subscriptions;

/// <summary>
/// Decides whether a string is one deliverable mailbox we are willing to send to: a single bare
/// <c>local@domain.tld</c>, at most 254 characters, no control characters (so no header injection),
/// no display name, no group, no domain literal.
/// </summary>
public static class EmailAddressRules
{
    public const int MaxLength = 254;

    /// <summary>Returns null when <paramref name="input"/> is acceptable, otherwise why not.</summary>
    public static string? Validate(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return "An email address is required.";
        }

        // Checked before trimming: a trailing CR or LF is an injection attempt, not stray whitespace.
        if (input.Any(char.IsControl))
        {
            return "An email address cannot contain line breaks or control characters.";
        }

        var address = input.Trim();
        if (address.Length > MaxLength)
        {
            return $"An email address has at most {MaxLength} characters.";
        }

        if (address.Any(char.IsWhiteSpace))
        {
            return "An email address cannot contain spaces.";
        }

        if (address.Contains(',') || address.Contains(';') || address.Count(c => c == '@') != 1)
        {
            return "Enter exactly one email address.";
        }

        if (!MailboxAddress.TryParse(ParserOptions.Default, address, out var mailbox)
            || !string.IsNullOrEmpty(mailbox.Name)
            || !string.Equals(mailbox.Address, address, StringComparison.Ordinal))
        {
            return "This is not a valid email address.";
        }

        var at = address.LastIndexOf('@');
        var local = address[..at];
        var domain = address[(at + 1)..];
        if (local.Length == 0 || local.Length > 64)
        {
            return "This is not a valid email address.";
        }

        if (domain.StartsWith('[') || System.Net.IPAddress.TryParse(domain, out _))
        {
            return "Addresses at an IP address are not accepted; use a domain name.";
        }

        if (!domain.Contains('.') || domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains("..")
            || domain.Split('.').Any(label => label.Length == 0 || label.Length > 63 || label.StartsWith('-') || label.EndsWith('-')))
        {
            return "The part after @ must be a domain name, such as example.org.";
        }

        return null;
    }

    /// <summary>The identity of an address: trimmed and lower-cased.</summary>
    public static string Normalize(string address) => address.Trim().ToLowerInvariant();
}
