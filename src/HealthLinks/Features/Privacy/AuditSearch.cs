using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Privacy;

/// <summary>The privacy officer's view of the audit: searching it, a patient's access report, and unusual access.</summary>
public static class AuditSearch
{
    public sealed class Filter
    {
        public string? User { get; set; }

        public string? HealthCardNumber { get; set; }

        public DateOnly? From { get; set; }

        public DateOnly? To { get; set; }

        public AuditOutcome? Outcome { get; set; }
    }

    public sealed record Row(long Sequence, DateTime At, string UserName, string Role, PatientId? PatientId, string? Patient, string What, AuditAction Action, AuditOutcome Outcome, AccessBasis Purpose, AuditSource Source);

    public sealed record Report(PatientId PatientId, string Patient, IReadOnlyList<Row> Events, IReadOnlyList<BreakGlass.Row> BreakGlass);

    /// <summary>A user who opened, or tried to open, the records of patients they do not care for.</summary>
    public sealed record Unusual(string UserName, string Role, int PatientsOutsideTeam, int Refused, int BrokeGlass, DateTime Last);

    /// <summary>Reads go to the replica when there is one (<see cref="ReadOnlyDbs"/>); the audit of each search goes to the primary.</summary>
    public sealed class Handler(ReadOnlyDbs dbs, AuditTrail audit, BreakGlass.Handler glass, TimeProvider clock)
    {
        public const int Shown = 500;

        /// <summary>Patients opened outside one's own care in 30 days before a user is listed as unusual.</summary>
        public const int UnusualThreshold = 5;

        public async Task<Result<IReadOnlyList<Row>>> Search(Viewer officer, Filter filter, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var query = db.AuditEvents.AsNoTracking().AsQueryable();
            if (!string.IsNullOrWhiteSpace(filter.User))
            {
                var user = filter.User.Trim().ToLowerInvariant();
                query = query.Where(e => e.UserName.Contains(user));
            }

            if (!string.IsNullOrWhiteSpace(filter.HealthCardNumber))
            {
                if (await FindPatient(db, filter.HealthCardNumber, ct) is not { } patient)
                {
                    return Result<IReadOnlyList<Row>>.Failed(nameof(Filter.HealthCardNumber), Rules.NotFound, "no patient has this health card number");
                }

                query = query.Where(e => e.PatientId == patient);
            }

            if (filter.From is { } from)
            {
                var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                query = query.Where(e => e.At >= start);
            }

            if (filter.To is { } to)
            {
                var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                query = query.Where(e => e.At < end);
            }

            if (filter.Outcome is { } outcome)
            {
                query = query.Where(e => e.Outcome == outcome);
            }

            var rows = await Rows(db, query.OrderByDescending(e => e.Sequence).Take(Shown), ct);
            await audit.Append(officer, null, "Audit search", AuditAction.View, AuditOutcome.Allowed, AccessBasis.PrivacyOfficer, ct);
            return Result<IReadOnlyList<Row>>.Ok(rows);
        }

        /// <summary>"Who looked at my record": every access to one patient's information, and every break-glass.</summary>
        public async Task<Result<Report>> AccessReport(Viewer officer, string healthCardNumber, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (await FindPatient(db, healthCardNumber, ct) is not { } patient)
            {
                return Result<Report>.Failed(nameof(Filter.HealthCardNumber), Rules.NotFound, "no patient has this health card number");
            }

            var name = await db.Patients.Where(p => p.Id == patient).Select(p => p.GivenName + " " + p.FamilyName).SingleAsync(ct);
            var events = await Rows(db, db.AuditEvents.AsNoTracking().Where(e => e.PatientId == patient).OrderByDescending(e => e.Sequence), ct);
            var breaks = (await glass.List(null, ct)).Where(g => g.PatientId == patient).ToList();
            await audit.Append(officer, patient, "Access report", AuditAction.View, AuditOutcome.Allowed, AccessBasis.PrivacyOfficer, ct);
            return new Report(patient, name, events, breaks);
        }

        public async Task<IReadOnlyList<Unusual>> UnusualAccess(Viewer officer, CancellationToken ct = default)
        {
            var since = clock.GetUtcNow().UtcDateTime.AddDays(-30);
            await using var db = await dbs.CreateDbContextAsync(ct);
            var outside = await db.AuditEvents.AsNoTracking()
                .Where(e => e.At >= since && e.PatientId != null && (e.Outcome == AuditOutcome.Refused || e.Purpose == AccessBasis.BreakGlass || e.Purpose == AccessBasis.HealthLinkRole))
                .Select(e => new { e.UserName, e.Role, e.PatientId, e.Outcome, e.Purpose, e.At })
                .ToListAsync(ct);
            await audit.Append(officer, null, "Unusual access", AuditAction.View, AuditOutcome.Allowed, AccessBasis.PrivacyOfficer, ct);
            return outside.GroupBy(e => e.UserName)
                .Select(g => new Unusual(g.Key, g.First().Role, g.Select(e => e.PatientId).Distinct().Count(),
                    g.Where(e => e.Outcome == AuditOutcome.Refused).Select(e => e.PatientId).Distinct().Count(),
                    g.Where(e => e.Purpose == AccessBasis.BreakGlass).Select(e => e.PatientId).Distinct().Count(),
                    g.Max(e => e.At)))
                .Where(u => u.PatientsOutsideTeam >= UnusualThreshold || u.BrokeGlass > 1)
                .OrderByDescending(u => u.PatientsOutsideTeam).ToList();
        }

        private static async Task<PatientId?> FindPatient(HealthLinksDb db, string healthCardNumber, CancellationToken ct)
        {
            var card = HealthCardNumber.ReadAsShown(healthCardNumber, new Violations());
            return card is null ? null : await db.Patients.Where(p => p.HealthCardNumber == card.Number).Select(p => (PatientId?)p.Id).SingleOrDefaultAsync(ct);
        }

        private static async Task<IReadOnlyList<Row>> Rows(HealthLinksDb db, IQueryable<AuditEvent> events, CancellationToken ct)
        {
            var list = await events.ToListAsync(ct);
            var ids = list.Where(e => e.PatientId is not null).Select(e => e.PatientId!.Value).Distinct().ToList();
            var names = await db.Patients.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, Name = p.GivenName + " " + p.FamilyName }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
            return list.Select(e => new Row(e.Sequence, e.At, e.UserName, e.Role, e.PatientId, e.PatientId is { } p ? names.GetValueOrDefault(p) : null, e.What, e.Action, e.Outcome, e.Purpose, e.Source)).ToList();
        }
    }
}
