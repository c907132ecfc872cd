using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Http;

namespace HealthLinks.Infrastructure.Abuse;

/// <summary>The network address an interactive page's browser connected from, taken when its circuit opens.</summary>
public sealed class ClientAddress(IHttpContextAccessor http) : CircuitHandler
{
    public string Value { get; private set; } = "unknown";

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Value = Of(http.HttpContext);
        return Task.CompletedTask;
    }

    public static string Of(HttpContext? context) => context?.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
