namespace Newsletter.Templates;

/// <summary>Sent when someone subscribes an address that is already active: nothing changed, here is the manage link.</summary>
public sealed record AlreadySubscribedEmail(IReadOnlyList<string> Keywords, string Cadence, EmailFooter Footer) : IEmailModel
{
    public string Subject => "You're already subscribed: your manage link";
}
