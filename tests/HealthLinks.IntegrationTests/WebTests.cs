using System.Net;
using System.Text.RegularExpressions;

using HealthLinks.Demo;
using HealthLinks.Infrastructure.Auth;

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.IntegrationTests;

/// <summary>What a browser gets over HTTP: sign-in, lockout, protected pages, the language switch, the health check.</summary>
public abstract partial class WebTests(AppFixture app) : AppTests(app)
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_Answers200_WhenTheDatabaseIsReachableAndMigrated(string path)
    {
        var response = await app.CreateClient().GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SigningOut_EndsTheSessionOnTheServer_SoACopiedCookieNoLongerWorks()
    {
        var client = Client();
        var signedIn = await SignIn(client, await app.NewUser(Roles.CareCoordinator, healthLink: app.HealthLinkId), DemoAccounts.Password);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("healthlinks.auth=", StringComparison.Ordinal)).Split(';')[0];
        var page = await client.GetStringAsync(new Uri("/patients", UriKind.Relative));

        // Without the form's antiforgery token, signing out is a bad request, not a server error.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(new Uri("/logout", UriKind.Relative), new FormUrlEncodedContent([]))).StatusCode);

        using var signOut = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Forms.Token(page) });
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync(new Uri("/logout", UriKind.Relative), signOut)).StatusCode);

        var replay = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        replay.DefaultRequestHeaders.Add("Cookie", cookie);
        var refused = await replay.GetAsync(new Uri("/patients", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/login", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADisabledAccount_IsSignedOutAtItsNextRequest()
    {
        var email = await app.NewUser(Roles.CareCoordinator, healthLink: app.HealthLinkId);
        var client = await SignedInClient(app, email);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/patients", UriKind.Relative))).StatusCode);
        var id = (await app.ViewerOf(email)).UserId;
        Assert.True((await app.Get<HealthLinks.Features.Accounts.ChangeAccount.Handler>().Handle(HealthLinks.Features.Accounts.AccountRights.CommandLine, id, HealthLinks.Features.Accounts.ChangeAccount.Change.Disable)).Succeeded);
        var after = await client.GetAsync(new Uri("/patients", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoFactor_APasswordAloneIsRefused_TheAppsCodeSignsIn_AndARecoveryCodeWorksOnce()
    {
        var email = await app.NewUser(Roles.CareCoordinator, healthLink: app.HealthLinkId);
        string key;
        List<string> recovery;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            var user = (await users.FindByEmailAsync(email))!;
            await users.ResetAuthenticatorKeyAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
            await users.SetTwoFactorEnabledAsync(user, true);
            recovery = [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 2))!];
        }

        var client = Client();
        var password = await SignIn(client, email, DemoAccounts.Password);
        Assert.Contains("/login/two-factor", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri("/patients", UriKind.Relative))).StatusCode); // not signed in yet
        var code = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow);
        Assert.Equal(HttpStatusCode.Redirect, (await TwoFactorCode(client, code)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/patients", UriKind.Relative))).StatusCode);

        var first = Client();
        await SignIn(first, email, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.Redirect, (await TwoFactorCode(first, recovery[0])).StatusCode);
        var again = Client();
        await SignIn(again, email, DemoAccounts.Password);
        var reused = await TwoFactorCode(again, recovery[0]);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("That code is not right", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoFactor_RequiredByTheHealthLink_SendsStaffToSetItUp_BeforeAnythingElse()
    {
        Guid strict;
        await using (var db = app.NewDb())
        {
            var link = new HealthLinks.Domain.HealthLink((await db.Regions.FirstAsync()).Id, $"Strict {Guid.NewGuid():N}");
            db.HealthLinks.Add(link);
            await db.SaveChangesAsync();
            strict = link.Id;
        }

        Assert.True((await app.Get<HealthLinks.Features.Accounts.TwoFactorRule.Handler>().Set(HealthLinks.Features.Accounts.AccountRights.CommandLine, strict, true)).Succeeded);
        var email = await app.NewUser(Roles.CareCoordinator, healthLink: strict);
        var client = await SignedInClient(app, email);
        var blocked = await client.GetAsync(new Uri("/patients", UriKind.Relative));
        Assert.Equal("/account/two-factor", blocked.Headers.Location!.OriginalString);

        var setUp = await client.GetStringAsync(new Uri("/account/two-factor", UriKind.Relative));
        Assert.Contains("data:image/png;base64,", setUp, StringComparison.Ordinal);
        string key;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            key = (await users.GetAuthenticatorKeyAsync((await users.FindByEmailAsync(email))!))!;
        }

        var done = await Forms.Post(client, "/account/two-factor", setUp, "verify", ("Code", new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow)));
        Assert.Contains("recovery-codes", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/patients", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task FailedSignIns_FromOneAddress_AreThrottled_WhateverTheAccounts()
    {
        await using var strict = app.WithWebHostBuilder(b => b.UseSetting("Abuse:SignInFailuresPerAddress", "3"));
        var client = strict.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignIn(client, $"nobody-{i}@example.org", "Wrong-Password-1")).StatusCode);
        }

        // The fourth try from that address is not even checked, right password or not; no account was locked by it.
        var email = await app.NewUser(Roles.Provider);
        var throttled = await SignIn(client, email, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, throttled.StatusCode);
        Assert.Contains("network address", await throttled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn(Client(), email, DemoAccounts.Password)).StatusCode);
    }

    [Theory]
    [InlineData("/patients")]
    [InlineData("/patients/new")]
    [InlineData("/admin/providers")]
    [InlineData("/")]
    public async Task PagesWithPersonalInformation_SendStrangersToSignIn(string path)
    {
        var response = await Client().GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDemoCoordinator_SignsIn_AndReachesThePatientSearch()
    {
        var client = Client();
        var response = await SignIn(client, DemoAccounts.All[0].Email, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetAsync(new Uri("/patients", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Find a patient", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOverview_ShowsThePatient_AndAnUnknownIdSaysSo()
    {
        var card = PatientRecordTests.NewCard();
        var created = await app.Get<HealthLinks.Features.Patients.SavePatient.Handler>().Save(new HealthLinks.Features.Patients.SavePatient.Command
        {
            HealthLinkId = app.HealthLinkId,
            Details = PatientRecordTests.Details(card) with { FamilyName = "Overview" + card },
        });
        var client = Client();
        await SignIn(client, DemoAccounts.All[0].Email, DemoAccounts.Password);

        var page = await client.GetAsync(new Uri($"/patients/{created.Value}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"<h1>Marc Overview{card}</h1>", html, StringComparison.Ordinal);
        Assert.Contains(HealthLinks.Domain.HealthCardNumber.Parse(card, "KT").ToString(), html, StringComparison.Ordinal);

        var unknown = await (await client.GetAsync(new Uri($"/patients/{Guid.NewGuid()}", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("No patient has this identifier.", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARoleWithoutPatientAccess_IsDeniedThePatientSearch()
    {
        var client = Client();
        await SignIn(client, "analyst@demo.healthlinks.ca", DemoAccounts.Password);
        var response = await client.GetAsync(new Uri("/patients", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepeatedFailedSignIns_LockTheAccount_EvenForTheRightPassword()
    {
        var email = await app.NewUser(Roles.Provider);
        var client = Client();
        for (var i = 0; i < IdentitySetup.MaxFailedSignIns; i++)
        {
            var failed = await SignIn(client, email, "Wrong-Password-1");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        // Locked: the right password is refused, with the very answer an unknown account gets.
        var locked = await SignIn(client, email, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        var unknown = await SignIn(client, $"nobody-{Guid.NewGuid():N}@example.org", DemoAccounts.Password);
        Assert.Equal(Message().Match(await unknown.Content.ReadAsStringAsync()).Value, Message().Match(await locked.Content.ReadAsStringAsync()).Value);
        Assert.Contains("locked for 15 minutes", Message().Match(await locked.Content.ReadAsStringAsync()).Value, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> TwoFactorCode(HttpClient client, string code) =>
        await Forms.Post(client, "/login/two-factor", await client.GetStringAsync(new Uri("/login/two-factor", UriKind.Relative)), "two-factor-sign-in", ("Input.Code", code));

    [GeneratedRegex("<p class=\"error\" role=\"alert\">[^<]*</p>")]
    private static partial Regex Message();


    [Fact]
    public async Task TheLanguageSwitch_IsRemembered_AndPagesSpeakFrench()
    {
        var client = Client();
        var switched = await client.GetAsync(new Uri("/culture/fr?returnUrl=%2Flogin", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/login", switched.Headers.Location!.OriginalString);
        var page = await (await client.GetAsync(new Uri("/login", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"fr\">", page, StringComparison.Ordinal);
        Assert.Contains("Mot de passe", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALanguageChosenWhileSignedIn_FollowsThePersonToAnotherBrowser()
    {
        var email = await app.NewUser(Roles.CareCoordinator);
        var first = await SignedInClient(app, email);
        await first.GetAsync(new Uri("/culture/fr?returnUrl=%2Fpatients", UriKind.Relative));

        var second = await SignedInClient(app, email);
        var page = await (await second.GetAsync(new Uri("/patients", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("Trouver un patient", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/culture/fr?returnUrl=https%3A%2F%2Fevil.example")]
    [InlineData("/culture/fr?returnUrl=%2F%2Fevil.example")]
    public async Task TheLanguageSwitch_NeverSendsSomeoneToAnotherSite(string path)
    {
        var response = await Client().GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AnUnknownLanguage_IsABadRequest()
    {
        var response = await Client().GetAsync(new Uri("/culture/xx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private HttpClient Client() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    internal static async Task<HttpClient> SignedInClient(AppFixture app, string email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await SignIn(client, email, DemoAccounts.Password);
        return client;
    }

    private static async Task<HttpResponseMessage> SignIn(HttpClient client, string email, string password) =>
        await Forms.Post(client, "/login", await client.GetStringAsync(new Uri("/login", UriKind.Relative)), "login", ("Input.Email", email), ("Input.Password", password));

}

[Collection(SqliteCollection.Name)]
public sealed class SqliteWebTests(SqliteApp app) : WebTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresWebTests(PostgresApp app) : WebTests(app);
