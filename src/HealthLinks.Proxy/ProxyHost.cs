using Microsoft.Extensions.Configuration.Json;

namespace HealthLinks.Proxy;

/// <summary>
/// The reverse proxy in front of two or more HealthLinks web nodes (YARP). Everything is configuration, under
/// "ReverseProxy": the nodes, session affinity (a Blazor page keeps its circuit on the node that drew it) and
/// health checks (a node that stops answering /health/ready gets no new requests; its people move to another).
/// </summary>
public static class ProxyHost
{
    public static async Task Main(string[] args) => await Build(args).RunAsync();

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        // proxy.json first, so environment variables and arguments override it (ReverseProxy__Clusters__nodes__Destinations__node-a__Address=...).
        var defaults = new JsonConfigurationSource { Path = Path.Combine(AppContext.BaseDirectory, "proxy.json"), Optional = true };
        defaults.ResolveFileProvider();
        builder.Configuration.Sources.Insert(0, defaults);
        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapReverseProxy();
        return app;
    }
}
