namespace Newsletter.Delivery;

/// <summary>An outbox row goes pending → sending → sent or failed; a failed attempt may send it back to pending.</summary>
public static class OutboxStatus
{
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
}
