using Deque.AxeCore.Playwright;

using HealthLinks.Demo;

using Microsoft.Playwright;

namespace HealthLinks.BrowserTests;

internal static class Pages
{
    public static async Task<IPage> SignedIn(BrowserApp app, string email)
    {
        var page = await app.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.BaseUrl + "/" });
        page.SetDefaultTimeout(20_000);
        await page.GotoAsync("login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", DemoAccounts.Password);
        await page.ClickAsync("button[type=submit]");
        // The first sign-in after a population change may wait on a busy 2-core CI machine: allow it longer than a click.
        // Waiting for the address only: each test waits for what it needs next, and a slow asset must not fail the sign-in.
        try
        {
            await page.WaitForURLAsync(app.BaseUrl + "/", new PageWaitForURLOptions { Timeout = 120_000, WaitUntil = WaitUntilState.Commit });
        }
        catch (TimeoutException e)
        {
            // Say where the sign-in stopped: a slow first render and a refused sign-in look alike otherwise.
            throw new TimeoutException($"signing in as {email} stayed at {page.Url}: {await page.Locator("body").InnerTextAsync()}", e);
        }

        await page.WaitForSelectorAsync("h1");
        return page;
    }

    /// <summary>The text of a downloaded PDF, by poppler-utils' pdftotext (scripts/test installs it).</summary>
    public static async Task<string> PdfText(string file)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftotext", [file, "-"]) { RedirectStandardOutput = true })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text;
    }

    /// <summary>axe-core over the page as it stands: no serious or critical violation of WCAG 2.0 A/AA.</summary>
    public static async Task AssertAccessible(IPage page)
    {
        var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "best-practice"] },
        });
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.True(bad.Count == 0, $"{page.Url}:\n" + string.Join("\n", bad));
    }
}
