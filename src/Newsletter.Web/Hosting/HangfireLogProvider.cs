using Hangfire.Logging;
using HangfireLogLevel = Hangfire.Logging.LogLevel;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Newsletter.Web.Hosting;

/// <summary>
/// Hangfire's logger lives in a process-wide static. Hangfire's own ASP.NET Core provider keeps the host's
/// logger factory and throws once that host is disposed, which breaks any other host in the same process
/// (the integration tests run several). This one stops logging instead of throwing.
/// </summary>
internal sealed class HangfireLogProvider(ILoggerFactory factory) : ILogProvider
{
    public ILog GetLogger(string name) => new HostLog(factory, name);

    private sealed class HostLog(ILoggerFactory factory, string name) : ILog
    {
        private ILogger? logger;

        public bool Log(HangfireLogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                logger ??= factory.CreateLogger(name);
                var level = logLevel switch
                {
                    HangfireLogLevel.Trace => MsLogLevel.Trace,
                    HangfireLogLevel.Debug => MsLogLevel.Debug,
                    HangfireLogLevel.Info => MsLogLevel.Information,
                    HangfireLogLevel.Warn => MsLogLevel.Warning,
                    HangfireLogLevel.Error => MsLogLevel.Error,
                    _ => MsLogLevel.Critical,
                };
                if (messageFunc is null)
                {
                    return logger.IsEnabled(level);
                }

                logger.Log(level, exception, "{Message}", messageFunc());
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
