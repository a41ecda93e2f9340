using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;

namespace Newsletter.IntegrationTests.Infrastructure;

/// <summary>
/// The SmtpServer package's listener, but with TCP_NODELAY on every accepted connection. Without it each reply
/// waits for the client's delayed ACK (about 40 ms on Linux), so one connection took about 25 messages/s and
/// a test of thousands of emails spent most of its time waiting on the test's own server. No TLS: the tests
/// send in plain text on loopback.
/// </summary>
public sealed class NoDelayEndpointListenerFactory : IEndpointListenerFactory
{
    private readonly TaskCompletionSource<int> bound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The port the endpoint listens on, once it does.</summary>
    public Task<int> Port => bound.Task;

    public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
    {
        var listener = new TcpListener(endpointDefinition.Endpoint);
        listener.Start();
        bound.TrySetResult(((IPEndPoint)listener.LocalEndpoint).Port);
        return new Listener(listener);
    }

    private sealed class Listener(TcpListener listener) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            context.Properties.Add(EndpointListener.LocalEndPointKey, listener.LocalEndpoint);
            context.Properties.Add(EndpointListener.RemoteEndPointKey, client.Client.RemoteEndPoint);
            return new Pipe(client);
        }

        public void Dispose() => listener.Stop();
    }

    private sealed class Pipe(TcpClient client) : ISecurableDuplexPipe
    {
        private readonly NetworkStream stream = client.GetStream();

        public PipeReader Input => field ??= PipeReader.Create(stream);
        public PipeWriter Output => field ??= PipeWriter.Create(stream);
        public bool IsSecure => false;
        public SslProtocols SslProtocol => SslProtocols.None;

        public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The test SMTP server does not offer TLS.");

        public void Dispose() => client.Dispose();
    }
}
