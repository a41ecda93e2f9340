namespace Newsletter.Papers.Sources;

/// <summary>A paper source could not be read: unreachable, an error status after retries, or a malformed answer.</summary>
public sealed class PaperSourceException(string message, Exception? inner = null) : Exception(message, inner);
