namespace Newsletter.Web.Pages;

/// <summary>
/// What the shared preference fields render: the form as posted, keyword suggestions, and which script
/// enhancements the page switches on (keyword chips; the browser's time zone on a first visit).
/// </summary>
public sealed record PreferencesFieldsView(PreferencesForm Form, IReadOnlyList<string> Suggestions, bool KeywordChips, bool DetectTimeZone);
