namespace Newsletter.Web.Hosting;

/// <summary>Lets a request through only with the right <c>X-Api-Key</c>: 401 without one, 403 with a wrong one.</summary>
internal sealed class ApiKeyEndpointFilter(AdminApiKey key) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var presented = context.HttpContext.Request.Headers[AdminAccessExtensions.HeaderName].ToString();
        if (string.IsNullOrEmpty(presented))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
                title: "An admin API key is required.", detail: $"Send it in the {AdminAccessExtensions.HeaderName} header.");
        }

        if (!key.Matches(presented))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                title: "The admin API key is not valid.",
                detail: key.IsConfigured ? null : "No admin API key is configured on this server (Newsletter:AdminApiKey).");
        }

        return await next(context);
    }
}
