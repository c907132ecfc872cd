using HealthLinks.Demo;

using Microsoft.Playwright;

namespace HealthLinks.BrowserTests;

internal static class Pages
{
    public static Task<IPage> SignedIn(BrowserApp app, string email) => SignedIn(app.Browser, app.BaseUrl, email);

    public static async Task<IPage> SignedIn(IBrowser browser, string baseUrl, string email)
    {
        // A context of its own, so a test can open a second tab on the same sign-in (page.Context.NewPageAsync).
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl + "/" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        await page.GotoAsync("login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", DemoAccounts.Password);
        await page.ClickAsync("button[type=submit]");
        // The first sign-in after a population change may wait on a busy 2-core CI machine: allow it longer than a click.
        // The address is read from the page itself: the arrival can come without a navigation event Playwright waits for.
        try
        {
            await page.WaitForFunctionAsync("() => location.pathname === '/'", null, new PageWaitForFunctionOptions { Timeout = 120_000, PollingInterval = 100 });
        }
        catch (TimeoutException e)
        {
            // Say where the sign-in stopped: a slow first render and a refused sign-in look alike otherwise.
            throw new TimeoutException($"signing in as {email} stayed at {page.Url}: {await page.Locator("body").InnerTextAsync()}", e);
        }

        await page.WaitForSelectorAsync("h1");
        return page;
    }

    /// <summary>
    /// Waits until the page's own address matches (a JavaScript regular expression): read from the page, because an
    /// interactive page's navigation can arrive without the navigation event Playwright waits for.
    /// </summary>
    public static async Task AtPath(IPage page, string pattern, int timeout = 60_000)
    {
        try
        {
            await page.WaitForFunctionAsync("p => new RegExp(p).test(location.pathname)", pattern, new PageWaitForFunctionOptions { Timeout = timeout, PollingInterval = 100 });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"the page stayed at {page.Url}, not at {pattern}", e);
        }
    }

    /// <summary>The text of a downloaded PDF, by poppler-utils' pdftotext (scripts/test installs it).</summary>
    public static async Task<string> PdfText(string file)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftotext", [file, "-"]) { RedirectStandardOutput = true })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text;
    }

    /// <summary>axe-core's own script, as the Deque package bundles it.</summary>
    private static readonly Lazy<string> Axe = new(() => new Deque.AxeCore.Commons.BundledAxeScriptProvider().GetScript());

    /// <summary>
    /// axe-core over the page as it stands: no serious or critical violation of WCAG 2.0 A/AA or best practice. The
    /// script is put in the page once and run there directly (evaluation is not subject to the page's CSP): about half a
    /// second a page, where the package's RunAxe, which sends the script again each time, took three.
    /// </summary>
    public static async Task AssertAccessible(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Axe.Value);
        }

        var violations = await page.EvaluateAsync<Violation[]>("""
            async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'best-practice'] }, resultTypes: ['violations'] }))
                .violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' ')) }))
            """);
        var bad = violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Targets)}").ToList();
        Assert.True(bad.Count == 0, $"{page.Url}:\n" + string.Join("\n", bad));
    }

    private sealed record Violation(string Id, string? Impact, string Help, string[] Targets);
}
