namespace Newsletter.Subscriptions;

/// <summary>
/// Turns raw input into valid preferences, or into errors keyed by field name
/// (<c>email</c>, <c>keywords</c>, <c>cadence</c>, <c>sendHour</c>, <c>timeZone</c>).
/// </summary>
public static class SubscriptionValidator
{
    public static ValidationErrors ValidateSubscription(SubscriptionInput input, out string? email, out SubscriptionPreferences? preferences)
    {
        var errors = ValidatePreferences(input, out preferences);
        email = null;
        if (EmailAddressRules.Validate(input.Email) is { } emailError)
        {
            errors.Add("email", emailError);
            preferences = null;
        }
        else
        {
            email = input.Email!.Trim();
        }

        return errors;
    }

    public static ValidationErrors ValidatePreferences(SubscriptionInput input, out SubscriptionPreferences? preferences)
    {
        var errors = new ValidationErrors();
        var keywords = KeywordRules.Normalize(input.Keywords, out var keywordError);
        if (keywordError is not null)
        {
            errors.Add("keywords", keywordError);
        }

        var cadence = input.Cadence?.Trim().ToLowerInvariant() ?? Cadence.Daily;
        if (!Cadence.IsValid(cadence))
        {
            errors.Add("cadence", "Cadence is \"daily\" or \"weekly\".");
        }

        var sendHour = input.SendHour ?? SubscriptionPreferences.DefaultSendHour;
        if (sendHour is < 0 or > 23)
        {
            errors.Add("sendHour", "The send hour is a whole hour from 0 to 23.");
        }

        var timeZone = string.IsNullOrWhiteSpace(input.TimeZone) ? SubscriptionPreferences.DefaultTimeZone : input.TimeZone.Trim();
        if (!TimeZones.IsKnown(timeZone))
        {
            errors.Add("timeZone", "Use an IANA time zone such as Europe/Paris or America/New_York.");
        }

        preferences = errors.IsEmpty ? new SubscriptionPreferences(keywords!, cadence, sendHour, timeZone) : null;
        return errors;
    }
}
