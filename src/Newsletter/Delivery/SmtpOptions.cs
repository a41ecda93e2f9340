using System.ComponentModel.DataAnnotations;

namespace Newsletter.Delivery;

/// <summary>The <c>Smtp</c> configuration section. An empty <see cref="Host"/> selects the pickup directory.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    public string? Username { get; set; }
    public string? Password { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>Timeout of each SMTP command.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool UsesPickupDirectory => string.IsNullOrWhiteSpace(Host);
}

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text.</summary>
    None,
    /// <summary>Plain connect, then STARTTLS, which must be offered.</summary>
    StartTls,
    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
    /// <summary>TLS on port 465, otherwise STARTTLS when the server offers it.</summary>
    Auto,
}
