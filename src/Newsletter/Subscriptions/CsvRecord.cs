namespace Newsletter.Subscriptions;

/// <summary>
/// One record of a CSV file: the 1-based physical line it starts on, and its fields unquoted; or, when the
/// record is malformed, no fields and <see cref="Error"/> saying what is wrong with it.
/// </summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string? Error = null);
