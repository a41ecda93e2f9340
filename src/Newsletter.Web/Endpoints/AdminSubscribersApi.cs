using Microsoft.AspNetCore.Http.HttpResults;
using Newsletter.Data;
using Newsletter.Subscriptions;
using Newsletter.Web.Hosting;

namespace Newsletter.Web.Endpoints;

/// <summary>Admin endpoints for subscribers, behind <c>X-Api-Key</c>.</summary>
public static class AdminSubscribersApi
{
    public static WebApplication MapAdminSubscribersApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/admin/subscribers")
            .WithTags("Admin")
            .AddEndpointFilter<ApiKeyEndpointFilter>();
        api.MapGet("/", List).WithSummary("List subscribers, filtered by part of an address and by status");
        api.MapDelete("/{id:long}", Delete).WithSummary("Erase a subscriber and everything about them");
        return app;
    }

    public static async Task<Results<Ok<SubscriberListResponse>, ValidationProblem>> List(
        string? email, string? status, string? page, string? pageSize,
        IDatabase database, SubscriberStore subscribers, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (status is not null && !SubscriberStatus.All.Contains(status))
        {
            errors.Add("status", $"Status is one of {string.Join(", ", SubscriberStatus.All)}.");
        }

        var pageNumber = QueryNumbers.Parse(page, "page", 1, 1, int.MaxValue / 1000, errors);
        var size = QueryNumbers.Parse(pageSize, "pageSize", 50, 1, 500, errors);
        if (email is { Length: > EmailAddressRules.MaxLength })
        {
            errors.Add("email", $"At most {EmailAddressRules.MaxLength} characters.");
        }

        if (!errors.IsEmpty)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var result = await subscribers.ListAsync(connection, new SubscriberQuery(
            string.IsNullOrWhiteSpace(email) ? null : email, status, pageNumber, size));
        return TypedResults.Ok(new SubscriberListResponse(pageNumber, size, result.Total,
            result.Subscribers.Select(SubscriberResponse.From).ToList()));
    }

    public static async Task<Results<NoContent, NotFound>> Delete(long id, SubscriptionService subscriptions, CancellationToken cancellationToken) =>
        await subscriptions.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
}

public sealed record SubscriberListResponse(int Page, int PageSize, long Total, IReadOnlyList<SubscriberResponse> Subscribers);

/// <summary>A subscriber as the admin API shows them.</summary>
public sealed record SubscriberResponse(
    long Id, string Email, string Status, IReadOnlyList<string> Keywords, string Cadence, int SendHour, string TimeZone,
    DateTime CreatedAt, DateTime UpdatedAt, DateTime? ConfirmedAt, DateTime? UnsubscribedAt)
{
    public static SubscriberResponse From(Subscriber s) => new(
        s.Id, s.Email, s.Status, s.Keywords, s.Cadence, s.SendHour, s.TimeZone,
        s.CreatedAt, s.UpdatedAt, s.ConfirmedAt, s.UnsubscribedAt);
}
