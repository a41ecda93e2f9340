using System.ComponentModel.DataAnnotations;

namespace Newsletter.Subscriptions;

/// <summary>The <c>Subscribers</c> configuration section.</summary>
public sealed class SubscribersOptions
{
    public const string Section = "Subscribers";

    /// <summary>The largest file <c>POST /api/admin/subscribers/import</c> accepts; larger gets 413.</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxImportBytes { get; set; } = 50 * 1024 * 1024;
}
