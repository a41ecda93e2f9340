using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Newsletter.IntegrationTests.Infrastructure;

/// <summary>
/// A real HTTP server on a free loopback port standing in for Hugging Face or arXiv: it answers with whatever
/// <see cref="Respond"/> says (recorded responses, errors, garbage) and records every request it got.
/// </summary>
public sealed class FakePaperSource : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakePaperSource(WebApplication app) => this.app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Every request's path and query, and its User-Agent, in order.</summary>
    public ConcurrentQueue<(string PathAndQuery, string UserAgent)> Requests { get; } = new();

    /// <summary>Answers a request; the argument is the 0-based number of the request.</summary>
    public Func<HttpContext, int, Task> Respond { get; set; } = (context, _) => Results.Json(Array.Empty<object>()).ExecuteAsync(context);

    public static async Task<FakePaperSource> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var source = new FakePaperSource(app);
        var count = -1;
        app.Run(async context =>
        {
            source.Requests.Enqueue((context.Request.Path + context.Request.QueryString, context.Request.Headers.UserAgent.ToString()));
            await source.Respond(context, Interlocked.Increment(ref count));
        });
        await app.StartAsync();
        source.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return source;
    }

    public static Task Bytes(HttpContext context, byte[] body, string contentType, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        return context.Response.Body.WriteAsync(body).AsTask();
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
