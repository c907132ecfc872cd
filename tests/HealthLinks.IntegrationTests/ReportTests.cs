using System.Net;

using HealthLinks.Domain;
using HealthLinks.Features.Reports;
using HealthLinks.Infrastructure.Auth;

using Microsoft.EntityFrameworkCore;

using static HealthLinks.Features.Reports.QuarterlyFigures;

namespace HealthLinks.IntegrationTests;

/// <summary>
/// The quarterly report read from the database: a region of two Health Links with a history written in 2026Q3; the
/// administrator reads their own Health Link whole, the analyst the region with small cells withheld, the CSV too.
/// </summary>
public abstract class ReportTests(AppFixture app) : AppTests(app)
{
    private static readonly Quarter Q3 = new(2026, 3);

    private static DateTime On(int month, int day) => OntarioTime.ToUtc(new DateTime(2026, month, day, 12, 0, 0));

    private sealed record Region(Guid X, Guid Y, string XName);

    /// <summary>X: 6 identified by screening (5 invited, 3 enrolled), 2 by referral; 7 contacts, a review, a conference. Y: 7 by screening.</summary>
    private async Task<Region> History()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await using var db = app.NewDb();
        var region = new Domain.Region($"Report region {suffix}");
        var x = new HealthLink(region.Id, $"Report X {suffix}");
        var y = new HealthLink(region.Id, $"Report Y {suffix}");
        db.AddRange(region, x, y);
        await db.SaveChangesAsync();

        async Task<Patient> Identified(Guid link, IdentificationSource source, DateTime at, params (EnrollmentStatus To, DateTime At)[] changes)
        {
            var saved = await app.Get<Features.Patients.SavePatient.Handler>().Save(new Features.Patients.SavePatient.Command { HealthLinkId = link, Details = PatientRecordTests.Details(PatientRecordTests.NewCard()) });
            var patient = await db.Patients.Include(p => p.Enrollments).ThenInclude(e => e.History).SingleAsync(p => p.Id == saved.Value);
            var episode = patient.Identify(link, source, "test", at, null);
            foreach (var (to, when) in changes)
            {
                episode.MoveTo(to, "test", when, to == EnrollmentStatus.Declined ? "not now" : null);
            }

            await db.SaveChangesAsync();
            return patient;
        }

        for (var i = 0; i < 6; i++)
        {
            var changes = i switch
            {
                < 3 => new[] { (EnrollmentStatus.Invited, On(7, 10)), (EnrollmentStatus.Enrolled, On(7, 20)), (EnrollmentStatus.Active, On(8, 1)) },
                < 5 => [(EnrollmentStatus.Invited, On(8, 10))],
                _ => [],
            };
            var patient = await Identified(x.Id, IdentificationSource.Screening, On(7, 1 + i), changes);
            if (i == 0)
            {
                for (var c = 0; c < 7; c++)
                {
                    db.Add(new PatientContact(patient.Id, On(8, 1 + c), ContactKind.Phone, "Patient", "Checked in", ConditionChange.NotAssessed, null, "test", On(8, 1 + c)));
                }

                db.Add(new PlanReview(Guid.NewGuid(), patient.Id, On(9, 1), "test"));
                var conference = new CareConference(patient.Id, On(8, 15), 30, "Clinic", null, "Test", "test@example.org", On(8, 20), alreadyHeld: true);
                conference.RecordOutcome(new HashSet<Guid>(), "Held", [], null, "test", On(8, 20));
                db.Add(conference);
            }
        }

        await Identified(x.Id, IdentificationSource.Referral, On(8, 1));
        await Identified(x.Id, IdentificationSource.Referral, On(8, 2));
        for (var i = 0; i < 7; i++)
        {
            await Identified(y.Id, IdentificationSource.Screening, On(9, 1 + i));
        }

        await db.SaveChangesAsync();
        return new Region(x.Id, y.Id, x.Name);
    }

    private static double? Value(QuarterlyReport.Table table, string figure) => table.Rows.Single(r => r.Figure == figure).Cells[^1].Value;

    private static bool Withheld(QuarterlyReport.Table table, string figure) => table.Rows.Single(r => r.Figure == figure).Cells[^1].Withheld;

    [Fact]
    public async Task TheAdministrator_ReadsTheirHealthLink_Whole()
    {
        var region = await History();
        var admin = await app.ViewerOf(await app.NewUser(Roles.HealthLinkAdmin, healthLink: region.X));
        var report = await app.Get<QuarterlyReport.Handler>().Handle(admin, Q3);
        Assert.True(report.Succeeded, string.Join("; ", report.Violations));
        var table = Assert.Single(report.Value!.Tables);
        Assert.False(report.Value.Suppressed);
        Assert.Equal(region.X, table.HealthLinkId);
        Assert.Equal(8, Value(table, Identified));
        Assert.Equal(6, Value(table, IdentifiedBy(IdentificationSource.Screening)));
        Assert.Equal(2, Value(table, IdentifiedBy(IdentificationSource.Referral))); // small, but the administrator's own
        Assert.Equal(5, Value(table, Invited));
        Assert.Equal(3, Value(table, Enrolled));
        Assert.Equal(3, Value(table, ActiveAtEnd));
        Assert.Equal(62.5, Value(table, OfferedShare));
        Assert.Equal(7.0 / 3, Value(table, ContactsPerActive)!.Value, 6);
        Assert.Equal(1, Value(table, PlansReviewed90Days));
        Assert.Equal(1, Value(table, ConferencesHeld));
        Assert.Equal(["2025Q3", "2025Q4", "2026Q1", "2026Q2", "2026Q3"], report.Value.Quarters.Select(q => q.ToString()));
        Assert.Equal(0, table.Rows.Single(r => r.Figure == Identified).Cells[3].Value); // nothing in 2026Q2

        await using var db = app.NewDb();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.What == "Quarterly report 2026Q3" && e.UserName == admin.UserName && e.PatientId == null));
    }

    [Fact]
    public async Task TheAnalyst_ReadsTheRegion_WithNoCellFromOneToFour_EvenBySubtraction()
    {
        var region = await History();
        var analyst = await app.ViewerOf(await app.NewUser(Roles.RegionAnalyst, healthLink: region.Y));
        var report = (await app.Get<QuarterlyReport.Handler>().Handle(analyst, Q3)).Value!;
        Assert.True(report.Suppressed);
        Assert.Equal([null, region.X, region.Y], report.Tables.Select(t => t.HealthLinkId).ToList());
        var (total, x, y) = (report.Tables[0], report.Tables[1], report.Tables[2]);
        Assert.Equal(15, Value(total, Identified));

        // X's 2 referrals are withheld, in X's table and in the region's (the region's referrals are all X's); the
        // region's 13 by screening too, or 15 − 13 would give the 2 back.
        Assert.True(Withheld(x, IdentifiedBy(IdentificationSource.Referral)));
        Assert.True(Withheld(total, IdentifiedBy(IdentificationSource.Referral)));
        Assert.True(Withheld(total, IdentifiedBy(IdentificationSource.Screening)));

        // No sum is left with one unknown: X's total = screening + referral, so one of those others is withheld too.
        Assert.True(Withheld(x, Identified) || Withheld(x, IdentifiedBy(IdentificationSource.Screening)));
        foreach (var cell in report.Tables.SelectMany(t => t.Rows).Where(r => r.Kind == FigureKind.Count).SelectMany(r => r.Cells))
        {
            Assert.False(cell.Value is >= 1 and <= 4, "a count from 1 to 4 reached the analyst");
        }

        Assert.Equal(7, Value(y, Identified));
    }

    [Fact]
    public async Task TheCsv_HoldsTheSameFigures_AndWithholdsTheSameCells()
    {
        var region = await History();
        var analyst = await app.NewUser(Roles.RegionAnalyst, healthLink: region.X);
        var client = await WebTests.SignedInClient(app, analyst);
        var response = await client.GetAsync(new Uri("/reports/quarterly.csv?quarter=2026Q3", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Health Link or region,Figure,2025Q3,2025Q4,2026Q1,2026Q2,2026Q3", lines[0], StringComparison.Ordinal);
        var referralsOfX = lines.Single(l => l.StartsWith(region.XName + ",by a provider's referral,", StringComparison.Ordinal));
        Assert.EndsWith(",withheld", referralsOfX.TrimEnd('\r'), StringComparison.Ordinal);
        var identifiedInRegion = lines.Single(l => l.EndsWith(",Patients identified,0,0,0,0,15", StringComparison.Ordinal) || l.TrimEnd('\r').EndsWith(",Patients identified,0,0,0,0,15", StringComparison.Ordinal));
        Assert.StartsWith("Report region", identifiedInRegion, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(new Uri("/reports/quarterly.csv?quarter=2026-07", UriKind.Relative))).StatusCode);

        // The PDF withholds the same cells: X's referrals line reads "withheld" in every quarter that had any.
        var pdf = await client.GetAsync(new Uri("/reports/quarterly.pdf?quarter=2026Q3", UriKind.Relative));
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var text = await PlanSharingTests.PdfToText(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains("Quarterly process report · 2026Q3", text, StringComparison.Ordinal);
        Assert.Contains(region.XName, text, StringComparison.Ordinal);
        Assert.Contains("withheld", text, StringComparison.Ordinal);
        var provider = await WebTests.SignedInClient(app, await app.NewUser(Roles.Provider));
        Assert.NotEqual(HttpStatusCode.OK, (await provider.GetAsync(new Uri("/reports/quarterly.csv?quarter=2026Q3", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Outcomes_CountTheEnrolledAndTheComparison_SayWhenTooFew_AndRefuseBadPeriods()
    {
        var region = await History();
        await using (var db = app.NewDb())
        {
            static DateTime In2025(int month, int day) => OntarioTime.ToUtc(new DateTime(2025, month, day, 12, 0, 0));
            for (var i = 0; i < 10; i++)
            {
                var saved = await app.Get<Features.Patients.SavePatient.Handler>().Save(new Features.Patients.SavePatient.Command { HealthLinkId = region.X, Details = PatientRecordTests.Details(PatientRecordTests.NewCard()) });
                var patient = await db.Patients.Include(p => p.Enrollments).ThenInclude(e => e.History).SingleAsync(p => p.Id == saved.Value);
                var episode = patient.Identify(region.X, IdentificationSource.Screening, "test", In2025(1, 5), null);
                if (i < 4)
                {
                    episode.MoveTo(EnrollmentStatus.Invited, "test", In2025(1, 6), null);
                    episode.MoveTo(EnrollmentStatus.Enrolled, "test", In2025(1, 7), null);
                }

                db.Add(new Encounter(patient.Id, EncounterKind.EmergencyVisit, In2025(1, 1).AddDays(-30), null, null, null, "test"));
                db.Add(new Encounter(patient.Id, EncounterKind.EmergencyVisit, In2025(3, 1), null, null, null, "test"));
                await db.SaveChangesAsync();
            }
        }

        var admin = await app.ViewerOf(await app.NewUser(Roles.HealthLinkAdmin, healthLink: region.X));
        var handler = app.Get<Features.Reports.Outcomes.OutcomesReport.Handler>();
        var report = await handler.Handle(admin, new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31), 6);
        Assert.True(report.Succeeded, string.Join("; ", report.Violations));
        Assert.Equal((4, 6), (report.Value!.Enrolled, report.Value.Comparison));
        Assert.True(report.Value.TooSmall); // 4 pairs at most: the page says it cannot conclude
        Assert.Equal(Rules.OutOfRange, (await handler.Handle(admin, new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31), 7)).Violations[0].Code);
        Assert.Equal(Rules.EndBeforeStart, (await handler.Handle(admin, new DateOnly(2025, 2, 1), new DateOnly(2025, 1, 1), 6)).Violations[0].Code);

        // The analyst reads no group of 1 to 4 and nothing computed over too few pairs.
        var analyst = await app.ViewerOf(await app.NewUser(Roles.RegionAnalyst, healthLink: region.X));
        var regional = (await handler.Handle(analyst, new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31), 6)).Value!;
        Assert.Equal((null, 6), (regional.Enrolled, regional.Comparison));
        Assert.True(regional.TooSmall);
        Assert.Empty(regional.Effects);
        Assert.Empty(regional.Balances);

        var provider = await app.ViewerOf(await app.NewUser(Roles.Provider, healthLink: region.X));
        Assert.Equal(Rules.NotAllowed, (await handler.Handle(provider, new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31), 6)).Violations[0].Code);

        // The files: the analyst's CSV withholds the group of 4 and has no effect row; the administrator's PDF reads as the page.
        var client = await WebTests.SignedInClient(app, analyst.UserName);
        var csv = await client.GetStringAsync(new Uri("/reports/outcomes.csv?from=2025-01-01&to=2025-01-31&months=6", UriKind.Relative));
        Assert.Contains("Patients enrolled,withheld", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Emergency visits,", csv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(new Uri("/reports/outcomes.csv?from=2025-01-01", UriKind.Relative))).StatusCode);
        var pdf = await (await WebTests.SignedInClient(app, admin.UserName)).GetByteArrayAsync(new Uri("/reports/outcomes.pdf?from=2025-01-01&to=2025-01-31&months=6", UriKind.Relative));
        var text = await PlanSharingTests.PdfToText(pdf);
        Assert.Contains("Outcomes before and after enrollment", text, StringComparison.Ordinal);
        Assert.Contains("Too few matched pairs", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTarget_IsSetByTheAdministrator_WithinItsRange_AndShownAgainstTheNewPlans()
    {
        var region = await History();
        var admin = await app.ViewerOf(await app.NewUser(Roles.HealthLinkAdmin, healthLink: region.X));
        var targets = app.Get<SetPlanTarget.Handler>();
        Assert.Equal(("QuarterlyPlanTarget", Rules.OutOfRange), (await targets.Handle(admin, -1)).Violations.Select(v => (v.Field, v.Code)).Single());
        var coordinator = await app.ViewerOf(await app.NewUser(Roles.CareCoordinator, healthLink: region.X));
        Assert.Equal(Rules.NotAllowed, (await targets.Handle(coordinator, 10)).Violations[0].Code);
        await using (var db = app.NewDb())
        {
            Assert.Null(await db.HealthLinks.Where(h => h.Id == region.X).Select(h => h.QuarterlyPlanTarget).SingleAsync());
        }

        Assert.True((await targets.Handle(admin, 12)).Succeeded);
        var table = (await app.Get<QuarterlyReport.Handler>().Handle(admin, Q3)).Value!.Tables[0];
        Assert.Equal(12, Value(table, PlanTarget));
        Assert.Equal(0, Value(table, PlansAgainstTarget)); // no plan was completed in the hand-built history
    }

    [Fact]
    public async Task NobodyElse_ReadsAReport()
    {
        var region = await History();
        foreach (var role in new[] { Roles.Provider, Roles.PrivacyOfficer, Roles.Patient })
        {
            var viewer = await app.ViewerOf(await app.NewUser(role, healthLink: region.X));
            Assert.Equal(Rules.NotAllowed, (await app.Get<QuarterlyReport.Handler>().Handle(viewer, Q3)).Violations[0].Code);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteReportTests(SqliteApp app) : ReportTests(app);

[Collection(PostgresCollection.Name)]
public sealed class PostgresReportTests(PostgresApp app) : ReportTests(app);
