namespace Newsletter.Delivery;

/// <summary>The <c>Dkim</c> configuration section. Signing is on when all three are set.</summary>
public sealed class DkimOptions
{
    public const string Section = "Dkim";

    /// <summary>The signing domain (d=), normally the From address's domain.</summary>
    public string? Domain { get; set; }

    /// <summary>The selector (s=): the public key is published at {Selector}._domainkey.{Domain}.</summary>
    public string? Selector { get; set; }

    /// <summary>A PEM file with the RSA private key.</summary>
    public string? PrivateKeyPath { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Domain) && !string.IsNullOrWhiteSpace(Selector) && !string.IsNullOrWhiteSpace(PrivateKeyPath);
}
