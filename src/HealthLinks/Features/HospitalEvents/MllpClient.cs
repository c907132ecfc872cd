using System.Net.Security;
using System.Net.Sockets;

using HealthLinks.Features.HospitalEvents.Hl7;

namespace HealthLinks.Features.HospitalEvents;

/// <summary>Sends messages over MLLP and reads each reply: for `adt replay`, the benchmark and tests.</summary>
public sealed class MllpClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly Stream _stream;
    private readonly Mllp.Reader _reader;

    private MllpClient(TcpClient tcp, Stream stream) => (_tcp, _stream, _reader) = (tcp, stream, new Mllp.Reader(stream));

    /// <summary>Connects; with TLS the listener's certificate is checked as usual, or pinned by its SHA-1 thumbprint (a self-signed test certificate).</summary>
    public static async Task<MllpClient> Connect(string host, int port, bool tls = false, string? pinnedThumbprint = null, CancellationToken ct = default)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(host, port, ct);
        Stream stream = tcp.GetStream();
        if (tls)
        {
            var ssl = pinnedThumbprint is null ? new SslStream(stream, false)
                : new SslStream(stream, false, (_, certificate, _, errors) => errors == SslPolicyErrors.None || string.Equals(certificate?.GetCertHashString(), pinnedThumbprint, StringComparison.OrdinalIgnoreCase));
            await ssl.AuthenticateAsClientAsync(host);
            stream = ssl;
        }

        return new MllpClient(tcp, stream);
    }

    /// <summary>The message as a sender puts it on the wire: the byte-order mark dropped, segments ended by CR.</summary>
    public static string AsSent(string text) => text.TrimStart('\uFEFF').Replace("\r\n", "\r", StringComparison.Ordinal).Replace('\n', '\r');

    public async Task<string> Send(string message, CancellationToken ct = default)
    {
        await Write(message, ct);
        return await Read(ct);
    }

    public async Task Write(string message, CancellationToken ct = default) => await _stream.WriteAsync(Mllp.Frame(message), ct);

    public async Task WriteRaw(byte[] bytes, CancellationToken ct = default) => await _stream.WriteAsync(bytes, ct);

    public async Task<string> Read(CancellationToken ct = default) =>
        (await _reader.Next(ct))?.Text ?? throw new IOException("the listener closed the connection without a reply");

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }
}
