using System.Text.Json;

namespace Newsletter.Web.Endpoints;

/// <summary>
/// Reads a JSON object body by hand, so that malformed JSON and wrong types become 400s that name the field
/// (the framework's binder would fail the whole request with a generic message).
/// </summary>
public sealed class JsonRequest
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };
    private readonly JsonElement root;

    private JsonRequest(JsonElement root) => this.root = root;

    public ValidationErrors Errors { get; } = new();

    /// <summary>Parses the body; on failure the returned request has an error on <c>body</c> and no fields.</summary>
    public static async Task<JsonRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            var unsupported = new JsonRequest(default);
            unsupported.Errors.Add("body", "Send the request body as JSON (Content-Type: application/json).");
            return unsupported;
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, Options, cancellationToken);
            var parsed = new JsonRequest(document.RootElement.Clone());
            if (parsed.root.ValueKind != JsonValueKind.Object)
            {
                parsed.Errors.Add("body", "The request body must be a JSON object.");
            }

            return parsed;
        }
        catch (JsonException exception)
        {
            var malformed = new JsonRequest(default);
            malformed.Errors.Add("body",
                $"Malformed JSON at line {(exception.LineNumber ?? 0) + 1}, byte {(exception.BytePositionInLine ?? 0) + 1}.");
            return malformed;
        }
    }

    public bool IsObject => root.ValueKind == JsonValueKind.Object;

    /// <summary>A string field; null when absent or JSON null. A value of another type is an error on that field.</summary>
    public string? String(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return ReadString(name, value);
        }

        Errors.Add(name, $"\"{name}\" must be a string.");
        return null;
    }

    /// <summary>A whole-number field; null when absent or JSON null.</summary>
    public int? Int(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        Errors.Add(name, $"\"{name}\" must be a whole number.");
        return null;
    }

    /// <summary>An array of strings; null when absent. Non-string items are an error on that field.</summary>
    public IReadOnlyList<string?>? StringArray(string name, int maxItems)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Errors.Add(name, $"\"{name}\" must be an array of strings.");
            return null;
        }

        if (value.GetArrayLength() > maxItems)
        {
            Errors.Add(name, $"\"{name}\" has at most {maxItems} items.");
            return null;
        }

        var items = new List<string?>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                Errors.Add(name, $"\"{name}\" must be an array of strings.");
                return null;
            }

            items.Add(ReadString(name, item));
        }

        return items;
    }

    private string? ReadString(string name, JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json checks UTF-8 inside strings only when they are read.
            Errors.Add(name, $"\"{name}\" is not valid UTF-8 text.");
            return null;
        }
    }

    private bool TryGet(string name, out JsonElement value)
    {
        value = default;
        if (!IsObject)
        {
            return false;
        }

        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return value.ValueKind != JsonValueKind.Null;
            }
        }

        return false;
    }
}
