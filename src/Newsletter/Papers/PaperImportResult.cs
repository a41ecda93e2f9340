namespace Newsletter.Papers;

/// <summary>What an import or fetch did: papers added, updated, left unchanged, and entries skipped with why.</summary>
public sealed record PaperImportResult(int Added, int Updated, int Unchanged, IReadOnlyList<string> Errors);
