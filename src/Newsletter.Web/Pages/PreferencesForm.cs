using Newsletter.Subscriptions;

namespace Newsletter.Web.Pages;

/// <summary>The preference fields shared by the subscribe form and the manage page, as posted (all strings).</summary>
public class PreferencesForm
{
    public string? Keywords { get; set; }
    public string? Cadence { get; set; } = Subscriptions.Cadence.Daily;
    public string? SendHour { get; set; } = SubscriptionPreferences.DefaultSendHour.ToString();
    public string? TimeZone { get; set; } = SubscriptionPreferences.DefaultTimeZone;

    public ValidationErrors Errors { get; set; } = new();

    public string? ErrorFor(string field) => Errors.FirstFor(field);

    public int? SendHourValue => int.TryParse(SendHour, out var hour) ? hour : null;

    public SubscriptionInput ToInput(string? email = null) => new(
        email,
        KeywordRules.SplitFreeText(Keywords),
        Cadence,
        // An unparseable hour is reported as out of range rather than silently defaulted.
        string.IsNullOrWhiteSpace(SendHour) ? null : SendHourValue ?? -1,
        TimeZone);

    public void Fill(Subscriber subscriber)
    {
        Keywords = string.Join(", ", subscriber.Keywords);
        Cadence = subscriber.Cadence;
        SendHour = subscriber.SendHour.ToString();
        TimeZone = subscriber.TimeZone;
    }
}
