using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Newsletter.Papers;
using Newsletter.Papers.Sources;
using Newsletter.Web.Hosting;

namespace Newsletter.Web.Endpoints;

/// <summary>Admin endpoints that bring papers in: import a file, or fetch a source now.</summary>
public static class AdminPapersApi
{
    public static WebApplication MapAdminPapersApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/admin/papers").WithTags("Admin").AddEndpointFilter<ApiKeyEndpointFilter>();
        // Any content type: curl --data-binary sends form encoding, and the format is detected from the bytes.
        api.MapPost("/import", Import)
            .WithSummary("Import a file: the daily papers text listing, Hugging Face JSON or arXiv Atom (format detected when omitted)");
        api.MapPost("/fetch", Fetch).WithSummary("Fetch a source now: {\"source\": \"huggingface\" | \"arxiv\", \"date\"?: \"YYYY-MM-DD\"}");
        return app;
    }

    public static async Task<Results<Ok<PaperImportResult>, ValidationProblem>> Import(
        HttpContext context, string? format, PaperImporter importer, IOptions<PapersOptions> options, CancellationToken cancellationToken)
    {
        PaperFormat? chosen = null;
        if (!string.IsNullOrEmpty(format))
        {
            if (!PaperFormats.TryParse(format, out var parsed))
            {
                return Invalid("format", "Format is text, hf-json, arxiv-atom or jsonl (or omit it to detect).");
            }

            chosen = parsed;
        }

        var content = await UploadedFile.ReadAsync(context, options.Value.MaxImportBytes, "Papers:MaxImportBytes", cancellationToken);
        if (content.Length == 0)
        {
            return Invalid("body", "The request body is empty; send the file as the body.");
        }

        try
        {
            return TypedResults.Ok(await importer.ImportAsync(content, chosen, cancellationToken));
        }
        catch (PaperFormatException exception)
        {
            return Invalid("body", exception.Message);
        }
    }

    public static async Task<Results<Ok<PaperImportResult>, ValidationProblem, ProblemHttpResult>> Fetch(
        HttpRequest request, PaperFetcher fetcher, CancellationToken cancellationToken)
    {
        var json = await JsonRequest.ReadAsync(request, cancellationToken);
        var source = json.String("source");
        var dateText = json.String("date");
        if (!json.Errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(json.Errors.ToDictionary());
        }

        if (source is null || !PaperFetcher.Sources.Contains(source))
        {
            return Invalid("source", $"Source is one of {string.Join(", ", PaperFetcher.Sources)}.");
        }

        DateOnly? date = null;
        if (dateText is not null)
        {
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return Invalid("date", "Date is YYYY-MM-DD.");
            }

            date = parsed;
        }

        try
        {
            return TypedResults.Ok(await fetcher.FetchAsync(source, date, cancellationToken));
        }
        catch (PaperSourceException exception)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The paper source failed.", detail: exception.Message);
        }
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

}
