namespace Newsletter.Papers;

/// <summary>A source file or response that cannot be read at all; the message says where it failed.</summary>
public sealed class PaperFormatException(string message, Exception? inner = null) : Exception(message, inner);
