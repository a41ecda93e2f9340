namespace Newsletter.Subscriptions;

/// <summary>A row an import skipped: its 1-based line in the file (the header is line 1) and why.</summary>
public sealed record SubscriberImportError(int Line, string Reason);
