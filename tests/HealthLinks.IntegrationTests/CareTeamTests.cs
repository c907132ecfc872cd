using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.CarePlans;
using HealthLinks.Features.CareTeams;
using HealthLinks.Features.Patients;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.IntegrationTests;

/// <summary>Building the care team: who may, who joins, who leaves, and what follows (access, notices, completeness).</summary>
public abstract class CareTeamTests(AppFixture app) : AppTests(app)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "America/Toronto"));

    [Fact]
    public async Task ACoordinator_AddsAPhysicianFromTheDirectory_AndAPharmacistNotInIt_AndThePlanBecomesComplete()
    {
        var (patient, lead, organization) = await PatientWithLeadOnly();
        Guid leadMember;
        await using (var read = app.NewDb())
        {
            leadMember = await read.CareTeamMembers.Where(m => m.PatientId == patient && m.IsLead).Select(m => m.Id).SingleAsync();
        }

        var goal = new Goal { InMyWords = "Stay at home", Actions = [new PlanAction { What = "Home visit", ResponsibleMemberId = leadMember }] };
        Assert.True((await app.Get<SaveCarePlan.Handler>().Save(new SaveCarePlan.Command(patient, 0, new CarePlanDocument { Goals = [goal] }, "coordinator"))).Saved);
        Assert.Null(await CompletedAt(patient));

        var physician = await DirectoryProvider(organization, "Farah", "Family", Profession.FamilyPhysician, "farah@example.org");
        var found = await app.Get<FindProviders.Handler>().Handle(lead, patient, "farah");
        Assert.Contains(found, f => f.Id == physician);
        var added = await app.Get<AddTeamMember.Handler>().Handle(lead, patient, new CareTeam.AddCommand { ProviderId = physician, Role = TeamRole.FamilyPhysician, IsMainContact = true, JoinedOn = Today });
        Assert.True(added.Succeeded, string.Join("; ", added.Violations));
        Assert.NotNull(await CompletedAt(patient)); // the lead and the physician: two health-care professionals

        var pharmacist = await app.Get<AddTeamMember.Handler>().Handle(lead, patient, new CareTeam.AddCommand
        {
            NewProvider = new() { GivenName = "Paul", FamilyName = "Pharma", Profession = Profession.Pharmacist, OrganizationId = organization, Email = "paul@example.org" },
            Role = TeamRole.Pharmacist,
            JoinedOn = Today,
        });
        Assert.True(pharmacist.Succeeded, string.Join("; ", pharmacist.Violations));

        var team = (await app.Get<GetCareTeam.Handler>().Handle(lead, patient)).Value!;
        Assert.Equal([TeamRole.FamilyPhysician, TeamRole.Pharmacist], team.Members.Where(m => !m.IsLead).Select(m => m.Role!.Value).Order());
        Assert.True(team.Members.Single(m => m.Role == TeamRole.FamilyPhysician).IsMainContact);

        // The new member is told, with no health information, and sees the record from today.
        await using var db = app.NewDb();
        var farahKey = Notification.KeyOf("farah@example.org");
        Assert.True(await db.Notifications.AnyAsync(n => n.RecipientKey == farahKey && n.Kind == "team-added"));
        var farah = await app.ViewerOf(await app.NewUser(Roles.Provider, provider: physician));
        Assert.NotNull((await app.Get<GetPatientOverview.Handler>().Handle(farah, patient)).Value);
    }

    [Fact]
    public async Task ANewMember_IsToldInTheLanguageTheirAccountChose_NotInTheSenders()
    {
        var (patient, lead, organization) = await PatientWithLeadOnly();
        var physician = await DirectoryProvider(organization, "Félix", "Roy", Profession.FamilyPhysician, "felix@example.org");
        var account = await app.NewUser(Roles.Provider, provider: physician);
        await using (var db = app.NewDb())
        {
            await db.Users.Where(u => u.Email == account).ExecuteUpdateAsync(u => u.SetProperty(x => x.Language, "fr"));
        }

        var sender = (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("en-CA");
        try
        {
            var added = await app.Get<AddTeamMember.Handler>().Handle(lead, patient, new CareTeam.AddCommand { ProviderId = physician, Role = TeamRole.FamilyPhysician, JoinedOn = Today });
            Assert.True(added.Succeeded, string.Join("; ", added.Violations));
            Assert.Equal("en-CA", System.Globalization.CultureInfo.CurrentUICulture.Name); // the sender's language is given back
        }
        finally
        {
            (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture) = sender;
        }

        await using var read = app.NewDb();
        var key = Notification.KeyOf(account);
        var message = await read.Notifications.SingleAsync(n => n.RecipientKey == key && n.Kind == "team-added");
        Assert.Equal("Vous avez été ajouté à l'équipe de soins d'un patient", message.Title);
        Assert.StartsWith("Vous faites maintenant partie de l'équipe de soins de", message.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLeadIsNotRemoved_AndAnEndedMemberLosesAccess_AndTheRefusalIsAudited()
    {
        var (patient, _, nurseMember) = await app.PatientWithTeam();
        var lead = await app.ViewerOf(await app.TeamAccount(patient));
        var team = (await app.Get<GetCareTeam.Handler>().Handle(lead, patient)).Value!;
        var leadMember = team.Members.Single(m => m.IsLead);
        var end = app.Get<EndTeamMembership.Handler>();
        Assert.Equal(Rules.LeadIsHandedOff, (await end.Handle(lead, patient, leadMember.Id, new CareTeam.EndCommand { LeftOn = Today, Reason = "Leaving" })).Violations[0].Code);
        Assert.Equal(("LeftReason", Rules.Required), (await end.Handle(lead, patient, nurseMember, new CareTeam.EndCommand { LeftOn = Today })).Violations[0] is var v ? (v.Field, v.Code) : default);

        await using (var db = app.NewDb())
        {
            var nurse = await db.CareTeamMembers.SingleAsync(m => m.Id == nurseMember);
            var nurseViewer = await app.ViewerOf(await app.NewUser(Roles.Provider, provider: nurse.ProviderId));
            Assert.NotNull((await app.Get<GetPatientOverview.Handler>().Handle(nurseViewer, patient)).Value);

            Assert.True((await end.Handle(lead, patient, nurseMember, new CareTeam.EndCommand { LeftOn = Today, Reason = "Discharged from home care" })).Succeeded);
            var refused = await app.Get<GetPatientOverview.Handler>().Handle(nurseViewer, patient);
            Assert.False(refused.Access.Allowed);
            Assert.True(await db.AuditEvents.AnyAsync(e => e.PatientId == patient && e.UserName == nurseViewer.UserName && e.Outcome == AuditOutcome.Refused));
        }

        var after = (await app.Get<GetCareTeam.Handler>().Handle(lead, patient)).Value!;
        var ended = after.Members.Single(m => m.Id == nurseMember);
        Assert.Equal((Today, "Discharged from home care"), (ended.LeftOn!.Value, ended.LeftReason));
    }

    [Fact]
    public async Task TheSameProvider_IsNotAddedTwiceAtOnce()
    {
        var (patient, lead, organization) = await PatientWithLeadOnly();
        var physician = await DirectoryProvider(organization, "Dana", "Doc", Profession.FamilyPhysician, null);
        var add = app.Get<AddTeamMember.Handler>();
        var command = new CareTeam.AddCommand { ProviderId = physician, Role = TeamRole.FamilyPhysician, JoinedOn = Today };
        Assert.True((await add.Handle(lead, patient, command)).Succeeded);
        Assert.Equal(("Member", Rules.AlreadyOnTeam), (await add.Handle(lead, patient, command)).Violations[0] is var v ? (v.Field, v.Code) : default);
        await using var db = app.NewDb();
        Assert.Equal(1, await db.CareTeamMembers.CountAsync(m => m.PatientId == patient && m.ProviderId == physician));
    }

    [Fact]
    public async Task BadInput_IsRefusedAtItsField_AndNothingIsStored()
    {
        var (patient, lead, organization) = await PatientWithLeadOnly();
        var add = app.Get<AddTeamMember.Handler>();
        var physician = await DirectoryProvider(organization, "Fay", "Future", Profession.FamilyPhysician, null);
        var nurse = await app.ViewerOf(await app.NewUser(Roles.Provider, provider: await DirectoryProvider(organization, "Nina", "Nurse", Profession.RegisteredNurse, null)));
        var before = await Counts(patient);

        var nameless = await add.Handle(lead, patient, new CareTeam.AddCommand { NewProvider = new() { GivenName = " ", FamilyName = "X", OrganizationId = organization, Email = "not-an-email" }, Role = TeamRole.Nurse, JoinedOn = Today });
        Assert.Contains(nameless.Violations, v => v is { Field: "NewProvider.GivenName", Code: Rules.Required });
        Assert.Contains(nameless.Violations, v => v is { Field: "NewProvider.Email", Code: Rules.InvalidEmail });

        Assert.Equal(("JoinedOn", Rules.DateInFuture), First(await add.Handle(lead, patient, new CareTeam.AddCommand { ProviderId = physician, Role = TeamRole.FamilyPhysician, JoinedOn = Today.AddDays(1) })));
        Assert.Equal(("JoinedOn", Rules.BeforeBirth), First(await add.Handle(lead, patient, new CareTeam.AddCommand { ProviderId = physician, Role = TeamRole.FamilyPhysician, JoinedOn = new DateOnly(1900, 1, 1) })));
        Assert.Equal(("OtherRole", Rules.Required), First(await add.Handle(lead, patient, new CareTeam.AddCommand { ProviderId = physician, Role = TeamRole.Other, JoinedOn = Today })));
        Assert.Equal(("Role", Rules.LeadIsHandedOff), First(await add.Handle(lead, patient, new CareTeam.AddCommand { ProviderId = physician, Role = TeamRole.LeadCareCoordinator, JoinedOn = Today })));
        Assert.Equal(("NewRelatedPerson.Relationship", Rules.Required), First(await add.Handle(lead, patient, new CareTeam.AddCommand { Kind = CareTeamMemberKind.RelatedPerson, NewRelatedPerson = new() { GivenName = "Rosa", FamilyName = "Daughter" }, Role = TeamRole.Caregiver, JoinedOn = Today })));

        // Someone who is not a coordinator of the team, or not on it, changes nothing.
        Assert.Equal(Rules.NotAllowed, (await add.Handle(nurse, patient, new CareTeam.AddCommand { ProviderId = physician, Role = TeamRole.FamilyPhysician, JoinedOn = Today })).Violations[0].Code);
        Assert.Equal(before, await Counts(patient));
    }

    [Fact]
    public async Task ACaregiver_AndThePatient_JoinTheTeam()
    {
        var (patient, lead, _) = await PatientWithLeadOnly();
        var add = app.Get<AddTeamMember.Handler>();
        Assert.True((await add.Handle(lead, patient, new CareTeam.AddCommand { Kind = CareTeamMemberKind.RelatedPerson, NewRelatedPerson = new() { GivenName = "Rosa", FamilyName = "Lopez", Relationship = "Daughter", Phone = "613-555-0199" }, Role = TeamRole.SubstituteDecisionMaker, JoinedOn = Today })).Succeeded);
        Assert.True((await add.Handle(lead, patient, new CareTeam.AddCommand { Kind = CareTeamMemberKind.Patient, Role = TeamRole.Patient, JoinedOn = Today })).Succeeded);
        var team = (await app.Get<GetCareTeam.Handler>().Handle(lead, patient)).Value!;
        Assert.Contains(team.Members, m => m is { Kind: CareTeamMemberKind.RelatedPerson, Name: "Rosa Lopez", Role: TeamRole.SubstituteDecisionMaker });
        Assert.Contains(team.Members, m => m.Kind == CareTeamMemberKind.Patient);
        await using var db = app.NewDb();
        Assert.Equal(RelatedPersonRoles.SubstituteDecisionMaker, (await db.RelatedPeople.SingleAsync(r => r.PatientId == patient)).Roles);
    }

    [Fact]
    public async Task TheMedicationListsPrescriber_AndItsPharmacysPharmacist_AreSuggested()
    {
        var (patient, lead, organization) = await PatientWithLeadOnly();
        var prescriber = await DirectoryProvider(organization, "Odile", "Okafor", Profession.FamilyPhysician, null);
        var namesake = await DirectoryProvider(organization, "Bruno", "Okafor", Profession.FamilyPhysician, null); // same family name, another person
        Guid pharmacy;
        await using (var db = app.NewDb())
        {
            var region = await db.Organizations.Where(o => o.Id == organization).Select(o => o.RegionId).SingleAsync();
            var store = new Organization(region, "Rideau Street Pharmacy", OrganizationKind.Pharmacy);
            db.Add(store);
            await db.SaveChangesAsync();
            pharmacy = store.Id;
        }

        var pharmacist = await DirectoryProvider(pharmacy, "Pia", "Patel", Profession.Pharmacist, null);
        var medications = new List<Medication> { new() { Name = "Metformin 500 mg", Prescriber = "Dr. Odile Okafor", Pharmacy = "rideau street pharmacy" } };
        Assert.True((await app.Get<SaveCarePlan.Handler>().Save(new SaveCarePlan.Command(patient, 0, new CarePlanDocument { Medications = medications }, "coordinator"))).Saved);

        var suggestions = (await app.Get<GetCareTeam.Handler>().Handle(lead, patient)).Value!.Suggestions;
        Assert.Contains(suggestions, s => s.Id == prescriber && s.Prescribes && !s.Dispenses);
        Assert.Contains(suggestions, s => s.Id == pharmacist && s.Dispenses && !s.Prescribes);
        Assert.DoesNotContain(suggestions, s => s.Id == namesake);

        // Once on the team, no longer suggested.
        Assert.True((await app.Get<AddTeamMember.Handler>().Handle(lead, patient, new CareTeam.AddCommand { ProviderId = pharmacist, Role = TeamRole.Pharmacist, JoinedOn = Today })).Succeeded);
        Assert.DoesNotContain((await app.Get<GetCareTeam.Handler>().Handle(lead, patient)).Value!.Suggestions, s => s.Id == pharmacist);
    }

    private static (string, string) First(Features.Result<Guid> result) => result.Violations[0] is var v ? (v.Field, v.Code) : default;

    private async Task<DateTime?> CompletedAt(PatientId patient)
    {
        await using var db = app.NewDb();
        return await db.CarePlans.Where(p => p.PatientId == patient).Select(p => p.CompletedAt).SingleAsync();
    }

    private async Task<(int, int, int)> Counts(PatientId patient)
    {
        await using var db = app.NewDb();
        return (await db.CareTeamMembers.CountAsync(m => m.PatientId == patient), await db.Providers.CountAsync(), await db.RelatedPeople.CountAsync(r => r.PatientId == patient));
    }

    private async Task<ProviderId> DirectoryProvider(Guid organization, string given, string family, Profession profession, string? email)
    {
        await using var db = app.NewDb();
        var provider = new Provider(organization, given, family, profession, null, email);
        db.Add(provider);
        await db.SaveChangesAsync();
        return provider.Id;
    }

    /// <summary>A new patient whose team is only the lead coordinator (one health-care professional), and the lead's viewer.</summary>
    private async Task<(PatientId Patient, Viewer Lead, Guid Organization)> PatientWithLeadOnly()
    {
        var created = await app.Get<SavePatient.Handler>().Save(new SavePatient.Command { HealthLinkId = app.HealthLinkId, Details = PatientRecordTests.Details(PatientRecordTests.NewCard()) });
        await using var db = app.NewDb();
        var organization = new Organization((await db.Regions.FirstAsync()).Id, "Team Clinic", OrganizationKind.PrimaryCare);
        var coordinator = new Provider(organization.Id, "Lea", "Lead", Profession.CareCoordinator);
        db.AddRange(organization, coordinator);
        var patient = await db.Patients.Include(p => p.CareTeam).SingleAsync(p => p.Id == created.Value);
        patient.AddProviderToTeam(coordinator.Id, "Lead care coordinator", Today.AddDays(-30), isLead: true);
        await db.SaveChangesAsync();
        return (created.Value, await app.ViewerOf(await app.NewUser(Roles.CareCoordinator, provider: coordinator.Id, healthLink: app.HealthLinkId)), organization.Id);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteCareTeamTests(SqliteApp app) : CareTeamTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresCareTeamTests(PostgresApp app) : CareTeamTests(app);
