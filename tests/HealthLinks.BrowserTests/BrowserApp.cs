using HealthLinks.Data;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HealthLinks.BrowserTests;

/// <summary>The real app in Development (demo data and accounts) on Kestrel at a loopback port, and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"healthlinks-browser-{Guid.NewGuid():N}.db");
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Where the app's email goes, as .eml files.</summary>
    public string Outbox { get; } = Path.Combine(Path.GetTempPath(), $"healthlinks-browser-outbox-{Guid.NewGuid():N}");

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The app's clock: real time, moved by a test that needs another hour (and put back when it ends).</summary>
    public ShiftedClock Clock { get; } = new();

    public HealthLinksDb NewDb() => Services.GetRequiredService<IDbContextFactory<HealthLinksDb>>().CreateDbContext();

    public async Task InitializeAsync()
    {
        // A busy 2-core CI machine (the integration tests run beside these) can take seconds to answer a click over the
        // circuit: expectations wait up to 20 s, not Playwright's 5.
        Assertions.SetDefaultExpectTimeout(20_000);
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public new async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        File.Delete(_file);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:HealthLinks", $"Data Source={_file};Pooling=false");
        builder.UseSetting("Demo:Patients", "600");
        builder.UseSetting("Email:Outbox", Outbox);
        builder.UseSetting("Reminders:Enabled", "false"); // the jobs are tested on their own clock; here they would only compete for the database
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Adt:Port", "0"); // hospitals' messages on a port of the system's choosing
        builder.UseSetting("Auth:RevalidationSeconds", "2"); // an open page finds out within seconds that its sign-in ended
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>The system's time plus an offset a test sets: the whole app runs at another hour while time still passes.</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; private set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    /// <summary>Moves the clock so that it is now this time of day in Toronto, today there; disposing puts it back.</summary>
    public IDisposable At(TimeOnly toronto)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");
        var today = TimeZoneInfo.ConvertTime(System.GetUtcNow(), zone).Date;
        var wall = today + toronto.ToTimeSpan();
        Offset = new DateTimeOffset(wall, zone.GetUtcOffset(wall)) - System.GetUtcNow();
        return new Restore(this);
    }

    private sealed class Restore(ShiftedClock clock) : IDisposable
    {
        public void Dispose() => clock.Offset = TimeSpan.Zero;
    }
}

/// <summary>One app and one browser for every browser test: seeding it once, and running the tests one at a time, keeps them fast and steady on two cores.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
