using Microsoft.Extensions.Configuration;

namespace Newsletter;

/// <summary>Which database holds the application's data (<c>Newsletter:Database</c>), and where to find it.</summary>
public static class NewsletterDatabase
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>The connection string name, <c>ConnectionStrings:Newsletter</c>, read when the database is PostgreSQL.</summary>
    public const string ConnectionStringName = "Newsletter";

    public static bool UsesPostgres(this IConfiguration configuration) =>
        configuration[$"{NewsletterOptions.Section}:Database"] == Postgres;

    public static string? PostgresConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName);
}
