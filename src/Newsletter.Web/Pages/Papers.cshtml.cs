using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Newsletter.Papers;

namespace Newsletter.Web.Pages;

/// <summary>
/// <c>/papers?date=YYYY-MM-DD</c>: one day's papers with links to the neighbouring days; the latest day without a
/// date; 400 with a page saying so for a date that is not one.
/// </summary>
public sealed class PapersModel(PaperDays days) : PageModel
{
    public const string DateFormat = "yyyy-MM-dd";

    public PaperDay? Day { get; private set; }

    /// <summary>What was wrong with the date asked for, if anything.</summary>
    public string? DateError { get; private set; }

    public string? RequestedDate { get; private set; }

    public async Task OnGetAsync(string? date, CancellationToken cancellationToken)
    {
        RequestedDate = date;
        DateOnly? chosen = null;
        if (!string.IsNullOrEmpty(date))
        {
            if (!DateOnly.TryParseExact(date, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                DateError = "Dates look like 2024-03-14 (year, month, day).";
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            chosen = parsed;
        }

        chosen ??= await days.LatestAsync(cancellationToken);
        if (chosen is { } day)
        {
            Day = await days.GetAsync(day, cancellationToken);
        }
    }

    public static string Link(DateOnly date) => $"/papers?date={date.ToString(DateFormat, CultureInfo.InvariantCulture)}";

    public static string Long(DateOnly date) => date.ToString("dddd, d MMMM yyyy", CultureInfo.InvariantCulture);
}
