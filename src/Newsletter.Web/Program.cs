using Newsletter;
using Newsletter.Web.Endpoints;
using Newsletter.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddNewsletter();
builder.AddWebHost();
builder.AddBackgroundJobs();
builder.AddAdminAccess();
builder.AddRateLimits();

var app = builder.Build();

app.UseWebHost();
app.MapHealthEndpoints();
if (app.Configuration.ServesHttp()) // Newsletter:Role is not "worker"
{
    app.MapSubscriptionsApi();
    app.MapSubscriberDataApi();
    app.MapAdminSubscribersApi();
    app.MapAdminSubscriberImportApi();
    app.MapPapersApi();
    app.MapPreviewApi();
    app.MapAdminPapersApi();
    app.MapAdminDigestsApi();
    app.MapBackgroundJobsDashboard();
    app.MapDevMailApi();
    app.MapRazorPages();
}

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
