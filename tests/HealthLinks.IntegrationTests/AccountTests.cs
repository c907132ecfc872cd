using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.Accounts;
using HealthLinks.Features.Privacy;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.IntegrationTests;

/// <summary>Accounts for real people: set-up, invitations by one-time link, administrators' changes, and sessions that end.</summary>
public abstract class AccountTests(AppFixture app) : AppTests(app)
{
    private const string GoodPassword = "Correct-Horse-42";

    private static Viewer Cli => AccountRights.CommandLine;

    [Fact]
    public async Task Setup_MakesTheRegionHealthLinkAndAdministrator_AndAgainChangesNothing()
    {
        var name = $"Setup {Guid.NewGuid():N}";
        var email = $"admin-{Guid.NewGuid():N}@example.org";
        var setup = app.Get<SetUpHealthLink.Handler>();

        var first = await setup.Handle(new SetUpHealthLink.Command(name, name, email, "Ada Admin", GoodPassword));
        Assert.True(first.Succeeded, string.Join("; ", first.Violations));
        Assert.Equal(new SetUpHealthLink.Outcome(true, true, true, null), first.Value);
        var again = await setup.Handle(new SetUpHealthLink.Command(name, name, email, "Ada Admin", GoodPassword));
        Assert.Equal(new SetUpHealthLink.Outcome(false, false, false, null), again.Value);

        var admin = await app.ViewerOf(email);
        Assert.Equal([Roles.HealthLinkAdmin], admin.Roles);
        await using var db = app.NewDb();
        Assert.Equal(await db.HealthLinks.Where(h => h.Name == name).Select(h => h.Id).SingleAsync(), admin.HealthLinkId);
    }

    [Fact]
    public async Task Setup_WithAPasswordThePolicyRefuses_LeavesNoRegionOrHealthLink()
    {
        var name = $"Refused {Guid.NewGuid():N}";
        var result = await app.Get<SetUpHealthLink.Handler>().Handle(new SetUpHealthLink.Command(name, name, $"a-{Guid.NewGuid():N}@example.org", null, "short"));
        Assert.Contains(result.Violations, v => v is { Field: "Password", Code: Rules.WeakPassword });
        await using var db = app.NewDb();
        Assert.False(await db.Regions.AnyAsync(r => r.Name == name));
        Assert.False(await db.HealthLinks.AnyAsync(h => h.Name == name));
    }

    [Fact]
    public async Task AnAdministrator_InvitesAPatient_AndACaregiverThePatientGaveAccess_Only()
    {
        var (patient, card, _) = await app.PatientWithTeam();
        var admin = await app.ViewerOf(await app.NewUser(Roles.HealthLinkAdmin, healthLink: app.HealthLinkId));
        var caregiverEmail = $"caregiver-{Guid.NewGuid():N}@example.org";
        Guid related;
        await using (var db = app.NewDb())
        {
            var record = await db.Patients.Include(p => p.RelatedPeople).SingleAsync(p => p.Id == patient);
            related = record.AddRelatedPerson("Casey", "Ortiz", "Daughter", RelatedPersonRoles.Caregiver, null, caregiverEmail).Id;
            await db.SaveChangesAsync();
        }

        var create = app.Get<CreateAccount.Handler>();
        var notYet = await create.Handle(admin, new() { Email = caregiverEmail, Roles = [Roles.Caregiver], HealthLinkId = app.HealthLinkId });
        Assert.Equal(("Email", Rules.NotACaregiver), (notYet.Violations[0].Field, notYet.Violations[0].Code));

        var today = Infrastructure.Localization.Ontario.Today(TimeProvider.System);
        Assert.True((await app.Get<Features.Caregivers.GrantCaregiverAccess.Handler>().Handle(await app.ViewerOf(await app.TeamAccount(patient)), new Features.Caregivers.GrantCaregiverAccess.Command
        {
            PatientId = patient,
            RelatedPersonId = related,
            AgreedBy = AgreementGivenBy.Patient,
            AgreedHow = AgreementMethod.Written,
            AgreedOn = today,
            ExpiresOn = today.AddMonths(3),
            By = "coordinator",
        })).Succeeded);

        var found = await app.Get<FindReader.Handler>().Handle(admin, card);
        Assert.True(found.Succeeded, string.Join("; ", found.Violations));
        Assert.Equal(patient, found.Value!.PatientId);
        Assert.Equal(caregiverEmail, Assert.Single(found.Value.Caregivers).Email);

        var mixed = await create.Handle(admin, new() { Email = $"p-{Guid.NewGuid():N}@example.org", Roles = [Roles.Patient, Roles.Provider], HealthLinkId = app.HealthLinkId, PatientId = patient });
        Assert.Contains(mixed.Violations, v => v is { Field: "Roles", Code: Rules.NotAllowed });

        var patientEmail = $"p-{Guid.NewGuid():N}@example.org";
        Assert.True((await create.Handle(admin, new() { Email = patientEmail, Roles = [Roles.Patient], HealthLinkId = app.HealthLinkId, PatientId = found.Value.PatientId })).Succeeded);
        Assert.True((await create.Handle(admin, new() { Email = caregiverEmail, Roles = [Roles.Caregiver], HealthLinkId = app.HealthLinkId })).Succeeded);
        Assert.Equal(patient, (await app.ViewerOf(patientEmail)).PatientId);
        var caregiver = await app.ViewerOf(caregiverEmail);
        Assert.Equal([Roles.Caregiver], caregiver.Roles);

        // An administrator of another Health Link finds no such patient, and cannot link an account to them.
        Guid otherLink;
        await using (var db = app.NewDb())
        {
            var link = new HealthLink(await db.HealthLinks.Where(h => h.Id == app.HealthLinkId).Select(h => h.RegionId).SingleAsync(), $"Other {Guid.NewGuid():N}");
            db.Add(link);
            await db.SaveChangesAsync();
            otherLink = link.Id;
        }

        var otherAdmin = await app.ViewerOf(await app.NewUser(Roles.HealthLinkAdmin, healthLink: otherLink));
        Assert.Equal(Rules.NotFound, (await app.Get<FindReader.Handler>().Handle(otherAdmin, card)).Violations[0].Code);
        var foreign = await create.Handle(otherAdmin, new() { Email = $"p-{Guid.NewGuid():N}@example.org", Roles = [Roles.Patient], HealthLinkId = otherLink, PatientId = patient });
        Assert.Equal(("PatientId", Rules.NotAllowed), (foreign.Violations[0].Field, foreign.Violations[0].Code));
    }

    [Fact]
    public async Task BadAccounts_AreRefusedAtTheirField_AndNothingIsStored()
    {
        var existing = await app.NewUser(Roles.Provider);
        var create = app.Get<CreateAccount.Handler>();
        var before = await AccountCount();
        static (string Field, string Code) First(Features.Result<CreateAccount.Created> r) => (r.Violations[0].Field, r.Violations[0].Code);

        Assert.Equal(("Email", Rules.AccountExists), First(await create.Handle(Cli, new() { Email = existing, Roles = [Roles.Provider] })));
        Assert.Equal(("Email", Rules.InvalidEmail), First(await create.Handle(Cli, new() { Email = "not an email", Roles = [Roles.Provider] })));
        Assert.Equal(("Roles", Rules.UnknownRole), First(await create.Handle(Cli, new() { Email = New(), Roles = ["Surgeon"] })));
        Assert.Equal(("HealthLinkId", Rules.Required), First(await create.Handle(Cli, new() { Email = New(), Roles = [Roles.CareCoordinator] })));
        Assert.Equal(("Password", Rules.WeakPassword), First(await create.Handle(Cli, new() { Email = New(), Roles = [Roles.Provider], Password = "password" })));
        Assert.Equal(before, await AccountCount());
    }

    [Fact]
    public async Task AnInvitationLink_SetsThePasswordOnce_AndAnExpiredOneIsRefused()
    {
        var email = New();
        var created = await app.Get<CreateAccount.Handler>().Handle(Cli, new() { Email = email, Roles = [Roles.CareCoordinator], HealthLinkId = app.HealthLinkId });
        Assert.True(created.Succeeded, string.Join("; ", created.Violations));
        var token = Token(created.Value!.PasswordLink!);
        var passwords = app.Get<ChoosePassword.Handler>();
        Assert.Equal(email, await passwords.Account(token));

        Assert.Equal(Rules.PasswordsDiffer, (await passwords.Handle(token, new() { Password = GoodPassword, Confirm = "Another-Password-9" })).Violations[0].Code);
        Assert.Equal(Rules.WeakPassword, (await passwords.Handle(token, new() { Password = "abc", Confirm = "abc" })).Violations[0].Code);
        Assert.Equal(email, (await passwords.Handle(token, new() { Password = GoodPassword, Confirm = GoodPassword })).Value);
        Assert.True(await PasswordWorks(email, GoodPassword));

        // Used once: the same link again changes nothing.
        Assert.Equal(Rules.LinkNotUsable, (await passwords.Handle(token, new() { Password = "Other-Password-77", Confirm = "Other-Password-77" })).Violations[0].Code);
        Assert.True(await PasswordWorks(email, GoodPassword));

        // A link older than a day is refused.
        string stale;
        await using (var db = app.NewDb())
        {
            var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            (var link, stale) = PasswordLink.Issue(id, DateTime.UtcNow - PasswordLink.Lifetime - TimeSpan.FromMinutes(1));
            db.PasswordLinks.Add(link);
            await db.SaveChangesAsync();
        }

        Assert.Null(await passwords.Account(stale));
        Assert.Equal(Rules.LinkNotUsable, (await passwords.Handle(stale, new() { Password = "Other-Password-77", Confirm = "Other-Password-77" })).Violations[0].Code);
    }

    [Fact]
    public async Task ADisabledAccount_LosesItsSessions_CannotSignIn_AndTheGateRefusesItsOpenPage()
    {
        var (patient, _, _) = await app.PatientWithTeam();
        string email;
        await using (var read = app.NewDb())
        {
            var lead = await read.CareTeamMembers.Where(m => m.PatientId == patient && m.IsLead).Select(m => m.ProviderId).FirstAsync();
            email = await app.NewUser(Roles.CareCoordinator, provider: lead, healthLink: app.HealthLinkId);
        }

        var viewer = await SignedIn(email);
        var access = app.Get<PatientAccess>();
        Assert.True((await access.Open(viewer, patient, "Test")).Allowed);

        var admin = await app.ViewerOf(await app.NewUser(Roles.HealthLinkAdmin, healthLink: app.HealthLinkId));
        Assert.True((await app.Get<ChangeAccount.Handler>().Handle(admin, viewer.UserId, ChangeAccount.Change.Disable)).Succeeded);

        Assert.False(await app.Get<Sessions>().IsValid(viewer.SessionId!.Value, viewer.UserId, viewer.Roles));
        Assert.False((await access.Open(viewer, patient, "Test")).Allowed);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>().FindByEmailAsync(email);
            Assert.False(await scope.ServiceProvider.GetRequiredService<SignInManager<UserAccount>>().CanSignInAsync(user!));
        }

        await using var db = app.NewDb();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.UserId == viewer.UserId && e.PatientId == patient && e.Outcome == AuditOutcome.Refused));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.UserId == admin.UserId && e.What.Contains(email) && e.What.Contains("Disable")));
    }

    [Fact]
    public async Task ASession_EndsWithSignOut_ARoleTakenAway_AndAfterTwelveHours()
    {
        var email = await app.NewUser(Roles.CareCoordinator, healthLink: app.HealthLinkId);
        var sessions = app.Get<Sessions>();

        var signedOut = await SignedIn(email);
        await sessions.End(signedOut.SessionId!.Value, SessionEnd.SignedOut);
        Assert.False(await sessions.IsValid(signedOut.SessionId.Value, signedOut.UserId, signedOut.Roles));

        var other = await SignedIn(email);
        Assert.True(await sessions.IsValid(other.SessionId!.Value, other.UserId, other.Roles));
        Assert.True((await app.Get<ChangeAccount.Handler>().SetRoles(Cli, other.UserId, [Roles.Provider])).Succeeded);
        Assert.False(await sessions.IsValid(other.SessionId.Value, other.UserId, other.Roles));

        await using var db = app.NewDb();
        var old = new UserSession(other.UserId, DateTime.UtcNow - UserSession.MaxLifetime - TimeSpan.FromMinutes(1));
        db.UserSessions.Add(old);
        await db.SaveChangesAsync();
        Assert.False(await sessions.IsValid(old.Id, other.UserId, [Roles.Provider]));
    }

    [Fact]
    public async Task AnAdministrator_ManagesOnlyTheirOwnHealthLinksAccounts()
    {
        Guid elsewhere;
        await using (var db = app.NewDb())
        {
            var other = new HealthLink((await db.Regions.FirstAsync()).Id, $"Elsewhere {Guid.NewGuid():N}");
            db.HealthLinks.Add(other);
            await db.SaveChangesAsync();
            elsewhere = other.Id;
        }

        var admin = await app.ViewerOf(await app.NewUser(Roles.HealthLinkAdmin, healthLink: app.HealthLinkId));
        var theirs = await app.ViewerOf(await app.NewUser(Roles.CareCoordinator, healthLink: elsewhere));
        Assert.Equal(Rules.NotAllowed, (await app.Get<ChangeAccount.Handler>().Handle(admin, theirs.UserId, ChangeAccount.Change.Disable)).Violations[0].Code);
        Assert.Equal(Rules.NotAllowed, (await app.Get<CreateAccount.Handler>().Handle(admin, new() { Email = New(), Roles = [Roles.CareCoordinator], HealthLinkId = elsewhere })).Violations[0].Code);
        Assert.DoesNotContain(await app.Get<AccountList.Handler>().Handle(admin), r => r.Id == theirs.UserId);
        Assert.Contains(await app.Get<AccountList.Handler>().Handle(admin), r => r.Id == admin.UserId);
    }

    private static string New() => $"person-{Guid.NewGuid():N}@example.org";

    private static string Token(string path) => Uri.UnescapeDataString(path[(path.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

    /// <summary>The viewer of a new sign-in: a session started for the account, as the sign-in page starts one.</summary>
    private async Task<Viewer> SignedIn(string email) =>
        (await app.ViewerOf(email)) is var v ? v with { Source = AuditSource.Web, SessionId = await app.Get<Sessions>().Start(v.UserId) } : throw new InvalidOperationException();

    private async Task<int> AccountCount()
    {
        await using var db = app.NewDb();
        return await db.Users.CountAsync();
    }

    private async Task<bool> PasswordWorks(string email, string password)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        return await users.CheckPasswordAsync((await users.FindByEmailAsync(email))!, password);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteAccountTests(SqliteApp app) : AccountTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresAccountTests(PostgresApp app) : AccountTests(app);
