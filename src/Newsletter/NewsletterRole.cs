using Microsoft.Extensions.Configuration;

namespace Newsletter;

/// <summary>
/// What an instance does (<c>Newsletter:Role</c>). Several instances on one PostgreSQL database can split the
/// work: <c>web</c> serves HTTP and enqueues jobs and emails; <c>worker</c> runs Hangfire jobs and sends the
/// outbox (and answers <c>/health</c>); <c>all</c> does both.
/// </summary>
public static class NewsletterRole
{
    public const string All = "all";
    public const string Web = "web";
    public const string Worker = "worker";

    public static string Of(IConfiguration configuration) => configuration[$"{NewsletterOptions.Section}:Role"] ?? All;

    /// <summary>Serves the pages and the API.</summary>
    public static bool ServesHttp(this IConfiguration configuration) => Of(configuration) != Worker;

    /// <summary>Runs Hangfire jobs and delivers the outbox.</summary>
    public static bool RunsBackgroundWork(this IConfiguration configuration) => Of(configuration) != Web;
}
