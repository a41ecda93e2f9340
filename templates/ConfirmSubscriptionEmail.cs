namespace Newsletter.Templates;

/// <summary>The double opt-in email: one button that confirms.</summary>
public sealed record ConfirmSubscriptionEmail(
    string ConfirmUrl,
    IReadOnlyList<string> Keywords,
    string Cadence,
    int ExpiresInDays,
    EmailFooter Footer) : IEmailModel
{
    public string Subject => "Confirm your subscription to research paper digests";
}
