using System.Net.Http.Headers;
using System.Text;
using Hangfire.Dashboard;

namespace Newsletter.Web.Hosting;

/// <summary>HTTP Basic for the Hangfire dashboard: user <c>admin</c>, password the admin API key.</summary>
internal sealed class HangfireDashboardAuthorization(AdminApiKey key) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            && TryDecode(header.Parameter, out var user, out var password)
            && string.Equals(user, "admin", StringComparison.Ordinal)
            && key.Matches(password))
        {
            return true;
        }

        http.Response.Headers.WWWAuthenticate = "Basic realm=\"Newsletter jobs\", charset=\"UTF-8\"";
        return false;
    }

    private static bool TryDecode(string? parameter, out string user, out string password)
    {
        user = password = "";
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter ?? ""));
            var colon = decoded.IndexOf(':');
            if (colon < 0)
            {
                return false;
            }

            (user, password) = (decoded[..colon], decoded[(colon + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
