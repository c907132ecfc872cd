using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;

using HealthLinks.Features.HospitalEvents.Hl7;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace HealthLinks.Features.HospitalEvents;

/// <summary>
/// The MLLP server: many connections at once, each read frame by frame and answered in order, each answer sent only
/// once its message is committed (<see cref="MessageIntake"/>). Optional TLS with a PKCS #12 certificate.
/// </summary>
public sealed class MllpListener(MessageIntake intake, InterfaceConnections connections, ILogger<MllpListener> log)
{
    public sealed record Options(int Port, string? CertificatePath, string? CertificatePassword, string Address = "0.0.0.0")
    {
        public static Options From(IConfiguration c, int port) => new(port, c["Adt:Certificate"], c["Adt:CertificatePassword"], c["Adt:Address"] ?? "0.0.0.0");
    }

    /// <summary>The port actually bound (when asked for port 0), once listening.</summary>
    public int? BoundPort { get; private set; }

    public async Task Run(Options options, CancellationToken ct)
    {
        using var certificate = options.CertificatePath is { } path ? X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword) : null;
        var server = new TcpListener(IPAddress.Parse(options.Address), options.Port);
        server.Start(512);
        BoundPort = ((IPEndPoint)server.LocalEndpoint).Port;
        log.LogInformation("Listening for HL7 v2 messages (MLLP{Tls}) on port {Port}", certificate is null ? "" : " over TLS", BoundPort);
        var open = new ConcurrentDictionary<Task, bool>();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var client = await server.AcceptTcpClientAsync(ct);
                var task = Serve(client, certificate, ct);
                open[task] = true;
                _ = task.ContinueWith(t => open.TryRemove(t, out _), TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            server.Stop();
            await Task.WhenAll(open.Keys);
        }
    }

    private async Task Serve(TcpClient client, X509Certificate2? certificate, CancellationToken ct)
    {
        await Task.Yield();
        var remote = (client.Client.RemoteEndPoint as IPEndPoint)?.Address is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : null;
        using var connection = connections.Open(remote);
        try
        {
            using (client)
            {
                client.NoDelay = true;
                Stream stream = client.GetStream();
                if (certificate is not null)
                {
                    var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                    await tls.AuthenticateAsServerAsync(certificate, clientCertificateRequired: false, checkCertificateRevocation: false);
                    stream = tls;
                }

                await using (stream)
                {
                    await Converse(stream, remote, connection, ct);
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or System.Security.Authentication.AuthenticationException or ObjectDisposedException)
        {
            log.LogInformation("An HL7 connection closed ({Reason})", e.GetType().Name);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The store failed: the message is not acknowledged, so the sender sends it again.
            log.LogWarning("An HL7 connection was closed unanswered: the message could not be stored ({Failure})", e.GetType().Name);
        }
    }

    /// <summary>At most this many messages read from one connection and not yet answered.</summary>
    public const int MaxUnanswered = 64;

    /// <summary>
    /// Reads frames while earlier ones are being stored, so a sender that does not wait for each reply shares commits;
    /// replies go back in the order the messages came, each only once its message is stored.
    /// </summary>
    private async Task Converse(Stream stream, string? remote, InterfaceConnections.Connection connection, CancellationToken ct)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var waiting = Channel.CreateBounded<Task<ReceiveHospitalMessage.Reply>>(MaxUnanswered);
        var answering = Answer(waiting.Reader, stream, connection, failed);
        try
        {
            var reader = new Mllp.Reader(stream);
            while (await reader.Next(failed.Token) is { } frame)
            {
                await waiting.Writer.WriteAsync(await intake.Enqueue(new(frame.Text, frame.TooLarge, remote), failed.Token), failed.Token);
            }
        }
        catch (Exception) when (!failed.IsCancellationRequested)
        {
            // Reading failed (the sender went away, say): stop answering too, and report the reading's failure.
            await failed.CancelAsync();
            waiting.Writer.TryComplete();
            await answering.ContinueWith(_ => { }, TaskScheduler.Default);
            throw;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The answering side failed; its exception is the one to report, below.
        }

        waiting.Writer.TryComplete();
        await answering;
    }

    private static async Task Answer(ChannelReader<Task<ReceiveHospitalMessage.Reply>> waiting, Stream stream, InterfaceConnections.Connection connection, CancellationTokenSource failed)
    {
        try
        {
            await foreach (var next in waiting.ReadAllAsync(failed.Token))
            {
                var reply = await next.WaitAsync(failed.Token);
                connection.Received(reply.Ack);
                await stream.WriteAsync(Mllp.Frame(reply.Text), failed.Token);
            }
        }
        catch
        {
            await failed.CancelAsync();
            throw;
        }
    }
}

/// <summary>The connections open now, for the interfaces page: who is connected, since when, how many messages.</summary>
public sealed class InterfaceConnections(TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, Connection> _open = new();

    public sealed class Connection(InterfaceConnections owner, string? remote, DateTime since) : IDisposable
    {
        private int _messages;
        private int _errors;

        public Guid Id { get; } = Guid.NewGuid();

        public string? Remote { get; } = remote;

        public DateTime Since { get; } = since;

        public int Messages => _messages;

        public int Errors => _errors;

        public void Received(string ack)
        {
            Interlocked.Increment(ref _messages);
            if (ack != "AA")
            {
                Interlocked.Increment(ref _errors);
            }
        }

        public void Dispose() => owner._open.TryRemove(Id, out _);
    }

    public Connection Open(string? remote)
    {
        var c = new Connection(this, remote, clock.GetUtcNow().UtcDateTime);
        _open[c.Id] = c;
        return c;
    }

    public IReadOnlyList<Connection> Now => [.. _open.Values.OrderBy(c => c.Since)];
}
