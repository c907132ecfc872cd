using Microsoft.AspNetCore.Components.Server.Circuits;

namespace HealthLinks.Infrastructure;

/// <summary>
/// Cancelled as soon as the browser's connection to this page's circuit drops (a closed tab), not minutes later when
/// the circuit is disposed, so long work such as an upload gives back what it holds.
/// </summary>
public sealed class CircuitConnection : CircuitHandler, IDisposable
{
    private readonly CancellationTokenSource _lost = new();

    public CancellationToken Lost => _lost.Token;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken) => _lost.CancelAsync();

    public void Dispose() => _lost.Dispose();
}
