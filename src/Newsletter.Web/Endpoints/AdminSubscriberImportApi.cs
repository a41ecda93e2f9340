using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Newsletter.Subscriptions;
using Newsletter.Web.Hosting;

namespace Newsletter.Web.Endpoints;

/// <summary>Admin endpoint that brings subscribers in from a CSV file, behind <c>X-Api-Key</c>.</summary>
public static class AdminSubscriberImportApi
{
    public static WebApplication MapAdminSubscriberImportApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/admin/subscribers").WithTags("Admin").AddEndpointFilter<ApiKeyEndpointFilter>();
        // Any content type (text/csv expected): curl --data-binary sends form encoding, and the body is read as CSV regardless.
        api.MapPost("/import", Import)
            .WithSummary("Import subscribers from CSV (email,keywords,cadence; keywords separated by ;)")
            .WithDescription("confirmed=true: active at once, no email. confirmed=false (default): pending, with a confirmation email; "
                + "an unsubscribed or bounced address is skipped. Bad rows are listed in errors by line and never stop the others.");
        return app;
    }

    public static async Task<Results<Ok<SubscriberImportResult>, ValidationProblem>> Import(
        HttpContext context, string? confirmed, SubscriberImporter importer, IOptions<SubscribersOptions> options,
        CancellationToken cancellationToken)
    {
        var trusted = false;
        if (!string.IsNullOrEmpty(confirmed) && !bool.TryParse(confirmed, out trusted))
        {
            return Invalid("confirmed", "Confirmed is true (import as active, no email) or false (send confirmations; the default).");
        }

        var content = await UploadedFile.ReadAsync(context, options.Value.MaxImportBytes, "Subscribers:MaxImportBytes", cancellationToken);
        if (content.Length == 0)
        {
            return Invalid("body", $"The request body is empty; send the CSV file ({SubscriberImporter.HeaderLine}) as the body.");
        }

        try
        {
            return TypedResults.Ok(await importer.ImportAsync(content, trusted, cancellationToken));
        }
        catch (SubscriberImportException exception)
        {
            return Invalid("body", exception.Message);
        }
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

}
