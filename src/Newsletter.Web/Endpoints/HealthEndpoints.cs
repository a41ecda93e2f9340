namespace Newsletter.Web.Endpoints;

/// <summary><c>GET /health</c>: 200 when the database and the Hangfire storage answer, 503 otherwise.</summary>
public static class HealthEndpoints
{
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health").ExcludeFromDescription();
        return app;
    }
}
