namespace Newsletter;

/// <summary>Errors keyed by the name of the field at fault, in the shape ProblemDetails' <c>errors</c> uses.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool IsEmpty => errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            errors[field] = messages = [];
        }

        messages.Add(message);
    }

    public bool Has(string field) => errors.ContainsKey(field);

    public string? FirstFor(string field) => errors.TryGetValue(field, out var m) ? m[0] : null;

    /// <summary>Adds the errors of <paramref name="other"/> for fields that have none here yet; returns this.</summary>
    public ValidationErrors MergeMissing(ValidationErrors other)
    {
        foreach (var (field, messages) in other.errors)
        {
            if (!errors.ContainsKey(field))
            {
                errors[field] = [.. messages];
            }
        }

        return this;
    }

    public Dictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
