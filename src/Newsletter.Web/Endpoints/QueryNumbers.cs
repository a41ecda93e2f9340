namespace Newsletter.Web.Endpoints;

/// <summary>Whole-number query parameters, with errors that name the parameter instead of a binder failure.</summary>
public static class QueryNumbers
{
    public static int Parse(string? value, string name, int fallback, int min, int max, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        if (int.TryParse(value, out var number) && number >= min && number <= max)
        {
            return number;
        }

        errors.Add(name, $"\"{name}\" is a whole number from {min} to {max}.");
        return fallback;
    }
}
