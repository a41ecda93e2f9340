using System.Buffers;
using System.Net;
using System.Threading.Channels;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpServerHost = SmtpServer.SmtpServer;
using SmtpServiceProvider = SmtpServer.ComponentModel.ServiceProvider;

namespace Newsletter.IntegrationTests.Infrastructure;

/// <summary>
/// A real SMTP server on a free loopback port, in the test process (the SmtpServer package). Every accepted
/// message lands in <see cref="Messages"/>; <see cref="RecipientResponse"/> can refuse chosen recipients.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly SmtpServerHost server;
    private readonly Task running;
    private readonly Channel<MimeMessage> received = Channel.CreateUnbounded<MimeMessage>();

    private SmtpTestServer(SmtpServerHost server, Task running, int port)
    {
        this.server = server;
        this.running = running;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Decides per recipient: null accepts, otherwise the reply to send (e.g. 450 or 550).</summary>
    public Func<string, SmtpResponse?> RecipientResponse { get; set; } = _ => null;

    public ChannelReader<MimeMessage> Messages => received.Reader;

    /// <summary>Starts on <paramref name="port"/>, or on a free port when it is 0.</summary>
    public static async Task<SmtpTestServer> StartAsync(int port = 0)
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var listeners = new NoDelayEndpointListenerFactory();

        SmtpTestServer? self = null;
        var services = new SmtpServiceProvider();
        services.Add(listeners);
        services.Add(new Store(() => self!));
        services.Add(new Filter(() => self!));
        var server = new SmtpServerHost(options, services);
        var running = server.StartAsync(CancellationToken.None);
        if (await Task.WhenAny(listeners.Port, running) == running)
        {
            await running;
        }

        self = new SmtpTestServer(server, running, await listeners.Port);
        return self;
    }

    /// <summary>Waits for the next message, failing the test when none arrives before the deadline.</summary>
    public async Task<MimeMessage> NextMessageAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            return await received.Reader.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("No email arrived at the test SMTP server in time.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        server.Shutdown();
        await server.ShutdownTask;
        await running;
    }

    private sealed class Store(Func<SmtpTestServer> owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray(), writable: false);
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            await owner().received.Writer.WriteAsync(message, cancellationToken);
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(Func<SmtpTestServer> owner) : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            var response = owner().RecipientResponse(to.AsAddress());
            return response is null ? Task.FromResult(true) : throw new SmtpResponseException(response);
        }
    }
}
