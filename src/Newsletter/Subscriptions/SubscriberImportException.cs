namespace Newsletter.Subscriptions;

/// <summary>A file that cannot be imported at all (not UTF-8 text, no header or the wrong one); nothing was stored.</summary>
public sealed class SubscriberImportException(string message, Exception? inner = null) : Exception(message, inner);
