using System.Diagnostics;

using HealthLinks.Data;
using HealthLinks.Demo;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Proxy;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

using Xunit.Abstractions;

namespace HealthLinks.BrowserTests;

/// <summary>
/// The deployment the README describes: two web nodes on Kestrel over one PostgreSQL, behind the YARP proxy
/// (src/HealthLinks.Proxy, its own proxy.json with the nodes' addresses changed), and Chromium in front.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProxyTests(BrowserApp app, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _database = $"healthlinks_proxy_{Guid.NewGuid():N}";
    private readonly List<Node> _nodes = [];
    private WebApplication? _proxy;
    private string _proxyUrl = "";

    private string Connection => (Environment.GetEnvironmentVariable("HEALTHLINKS_TEST_POSTGRES")
        ?? throw new InvalidOperationException("Set HEALTHLINKS_TEST_POSTGRES, or run scripts/test, which starts PostgreSQL and sets it.")) + $";Database={_database}";

    public async Task InitializeAsync()
    {
        _nodes.Add(new Node(Connection)); // migrates first, alone
        _nodes.Add(new Node(Connection));
        await using (var scope = _nodes[0].Services.CreateAsyncScope())
        {
            await DemoAccounts.EnsureAsync(scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>(), scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>(), scope.ServiceProvider.GetRequiredService<HealthLinksDb>());
        }

        _proxy = ProxyHost.Build([
            "--urls=http://127.0.0.1:0",
            $"--ReverseProxy:Clusters:nodes:Destinations:node-a:Address={_nodes[0].BaseUrl}/",
            $"--ReverseProxy:Clusters:nodes:Destinations:node-b:Address={_nodes[1].BaseUrl}/",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _proxy.StartAsync();
        _proxyUrl = _proxy.Urls.First().TrimEnd('/');
    }

    [Fact]
    public async Task APersonSignedInThroughTheProxy_StaysOnOneNode_AndContinuesOnTheOtherWhenItStops()
    {
        var coordinator = DemoAccounts.All.Single(a => a.Role == Roles.CareCoordinator).Email;
        var page = await Pages.SignedIn(app.Browser, _proxyUrl, coordinator);
        await page.GotoAsync("patients");
        await page.WaitForSelectorAsync("h1:has-text('Find a patient')");

        // Affinity: every page and the circuit went to one node.
        var serving = _nodes.Single(n => n.Requests > 0);
        var other = _nodes.Single(n => n != serving);
        Assert.Equal(0, other.Requests);

        await serving.DisposeAsync();
        var clock = Stopwatch.StartNew();
        await WaitUntilServed(page, "patients");
        output.WriteLine($"the other node served the signed-in page {clock.ElapsedMilliseconds} ms after the first stopped");
        Assert.True(other.Requests > 0);
        Assert.Equal("/patients", new Uri(page.Url).AbsolutePath); // still signed in: not sent to /login

        // The page is interactive on its new node: a search runs over the new circuit.
        await page.WaitForSelectorAsync("form.filters[data-interactive]");
        await page.FillAsync("#search-name", "Zzyzx-nobody");
        await page.ClickAsync("form.filters button[type=submit]");
        await Assertions.Expect(page.Locator(".result-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^0 "));
        await page.Context.CloseAsync();
    }

    /// <summary>Reloads until the proxy, having found the stopped node gone, serves the page from the other.</summary>
    private static async Task WaitUntilServed(IPage page, string path)
    {
        for (var tries = 0; ; tries++)
        {
            string outcome;
            try
            {
                var response = await page.GotoAsync(path);
                if (response is { Ok: true } && await page.Locator("h1:has-text('Find a patient')").CountAsync() > 0)
                {
                    return;
                }

                outcome = $"{response?.Status} at {page.Url}";
            }
            catch (PlaywrightException e)
            {
                outcome = e.Message; // the proxy's 502 while it still counts the stopped node in
            }

            Assert.True(tries < 150, $"still not served after {tries} tries: {outcome}");
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        // The node still running drops the database (the test stopped one of them, whichever served the browser).
        await using (var db = _nodes.First(n => !n.Stopped).Services.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContext())
        {
            await db.Database.EnsureDeletedAsync();
        }

        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }

    /// <summary>A web node on a loopback port that counts the requests it serves (other than the proxy's health checks).</summary>
    private sealed class Node : WebApplicationFactory<Program>
    {
        private int _requests;
        private bool _stopped;

        public Node(string connection)
        {
            Connection = connection;
            UseKestrel(0);
            StartServer();
            BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        }

        public string Connection { get; }

        public string BaseUrl { get; }

        public int Requests => Volatile.Read(ref _requests);

        public bool Stopped => _stopped;

        public override async ValueTask DisposeAsync()
        {
            if (!_stopped)
            {
                _stopped = true;
                await base.DisposeAsync();
            }
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseStaticWebAssets(); // Development turns them on by itself; Testing does not, and the pages need blazor.web.js
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:HealthLinks", Connection);
            builder.UseSetting("Email:Outbox", Path.Combine(Path.GetTempPath(), "healthlinks-proxy-outbox"));
            builder.UseSetting("Proxy:KnownProxies", "127.0.0.1");
            builder.UseSetting("Auth:RevalidationSeconds", "2");
            builder.ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new Counting(this)));
        }

        private sealed class Counting(Node node) : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use(async (http, nextStep) =>
                {
                    if (!http.Request.Path.StartsWithSegments("/health"))
                    {
                        Interlocked.Increment(ref node._requests);
                    }

                    await nextStep();
                });
                next(app);
            };
        }
    }
}
