using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.Notifications;
using HealthLinks.Features.Privacy;
using HealthLinks.Infrastructure.Localization;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Coordination;

/// <summary>
/// The warm hand-off of the lead care coordinator role, from proposal to changeover, every step kept: what it shows
/// here; <see cref="ProposeHandOff"/>, <see cref="AcceptHandOff"/> and <see cref="DeclineHandOff"/> change it.
/// </summary>
public static class LeadHandOffs
{
    public sealed class ProposeCommand
    {
        public ProviderId? ToProviderId { get; set; }

        public string Note { get; set; } = "";

        public DateOnly ChangeoverOn { get; set; }
    }

    public sealed record Candidate(ProviderId Id, string Name, Profession Profession, string Organization);

    public sealed record Row(Guid Id, PatientId PatientId, string Patient, string From, string To, string Note, DateOnly ChangeoverOn, HandOffStatus Status, string ProposedBy, DateTime ProposedAt, string? RespondedBy, DateTime? RespondedAt, string? DeclineReason);

    /// <summary>The patient's lead today, if any.</summary>
    internal static async Task<(ProviderId Provider, string Name)?> LeadOf(HealthLinksDb db, PatientId patient, DateOnly today, CancellationToken ct)
    {
        var lead = await db.CareTeamMembers.Where(m => m.PatientId == patient && m.IsLead && m.JoinedOn <= today && (m.LeftOn == null || m.LeftOn > today))
            .Join(db.Providers, m => m.ProviderId, p => p.Id, (m, p) => new { p.Id, p.GivenName, p.FamilyName }).FirstOrDefaultAsync(ct);
        return lead is null ? null : (lead.Id, $"{lead.GivenName} {lead.FamilyName}");
    }

    /// <summary>The hand-off, when this user is the one it proposes.</summary>
    internal static async Task<LeadHandOff?> Answering(HealthLinksDb db, Viewer viewer, Guid id, CancellationToken ct) =>
        await db.LeadHandOffs.SingleOrDefaultAsync(h => h.Id == id && h.ToProviderId == viewer.ProviderId, ct);

    internal static async Task<List<Notifier.Email>> Tell(HealthLinksDb db, PatientId about, IReadOnlyCollection<ProviderId> providers, IEnumerable<string> others, string kind, Func<(string Title, string Body)> write, string link, DateTime now, CancellationToken ct)
    {
        var addresses = (await Notifier.ProviderEmails(db, about, providers, OntarioTime.DayOf(now), ct)).Values.Concat(others).Distinct(StringComparer.OrdinalIgnoreCase);
        return await Notifier.Add(db, addresses, kind, write, link, now, ct);
    }

    /// <summary>The lead, the candidates and the history of hand-offs: what the lead page and the hand-offs page show.</summary>
    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, PatientAccess access, AuditTrail audit, TimeProvider clock)
    {
        /// <summary>The current lead's provider, if any, today; null too when this viewer may not see the patient's record.</summary>
        public async Task<(ProviderId Provider, string Name)?> Lead(Viewer viewer, PatientId patient, CancellationToken ct = default) =>
            await Sees(viewer, patient, ct) ? await LeadOf(patient, ct) : null;

        private async Task<bool> Sees(Viewer viewer, PatientId patient, CancellationToken ct) =>
            (await access.Open(viewer, patient, "Lead and episode", ct: ct)).Allowed;

        private async Task<(ProviderId Provider, string Name)?> LeadOf(PatientId patient, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            return await LeadHandOffs.LeadOf(db, patient, Ontario.Today(clock), ct);
        }

        /// <summary>Care coordinators in the patient's region (and the team's providers) who could take the lead.</summary>
        public async Task<IReadOnlyList<Candidate>> Candidates(Viewer viewer, PatientId patient, CancellationToken ct = default)
        {
            if (!await Sees(viewer, patient, ct))
            {
                return [];
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var region = await db.Patients.Where(p => p.Id == patient).Join(db.HealthLinks, p => p.HealthLinkId, h => h.Id, (p, h) => h.RegionId).SingleOrDefaultAsync(ct);
            var team = db.CareTeamMembers.Where(m => m.PatientId == patient && m.ProviderId != null).Select(m => m.ProviderId);
            var lead = await LeadOf(patient, ct);
            var rows = await db.Providers.Join(db.Organizations, p => p.OrganizationId, o => o.Id, (p, o) => new { p, o })
                .Where(x => x.o.RegionId == region && (x.p.Profession == Profession.CareCoordinator || team.Contains(x.p.Id)))
                .OrderBy(x => x.p.FamilyName).ThenBy(x => x.p.GivenName).Take(500)
                .Select(x => new Candidate(x.p.Id, x.p.GivenName + " " + x.p.FamilyName, x.p.Profession, x.o.Name)).ToListAsync(ct);
            return [.. rows.Where(r => r.Id != lead?.Provider)];
        }

        public async Task<IReadOnlyList<Row>> History(Viewer viewer, PatientId patient, CancellationToken ct = default)
        {
            if (!await Sees(viewer, patient, ct))
            {
                return [];
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            return [.. (await Rows(db, db.LeadHandOffs.Where(h => h.PatientId == patient)).ToListAsync(ct)).OrderByDescending(r => r.ProposedAt)];
        }

        /// <summary>Hand-offs waiting for this provider's answer; each one read is audited against its patient.</summary>
        public async Task<IReadOnlyList<Row>> Waiting(Viewer viewer, CancellationToken ct = default)
        {
            if (viewer.ProviderId is not { } me)
            {
                return [];
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var rows = (await Rows(db, db.LeadHandOffs.Where(h => h.ToProviderId == me && h.Status == HandOffStatus.Proposed)).ToListAsync(ct)).OrderBy(r => r.ProposedAt).ToList();
            foreach (var row in rows)
            {
                await audit.Append(viewer, row.PatientId, "Lead hand-off", AuditAction.View, AuditOutcome.Allowed, AccessBasis.ProposedLead, ct);
            }

            return rows;
        }

        /// <summary>How many hand-offs wait for this viewer's answer: a count, naming no patient.</summary>
        public async Task<int> WaitingCount(Viewer viewer, CancellationToken ct = default)
        {
            if (viewer.ProviderId is not { } provider)
            {
                return 0;
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            return await db.LeadHandOffs.CountAsync(h => h.ToProviderId == provider && h.Status == HandOffStatus.Proposed, ct);
        }

        private static IQueryable<Row> Rows(HealthLinksDb db, IQueryable<LeadHandOff> handOffs) =>
            from h in handOffs
            join p in db.Patients on h.PatientId equals p.Id
            join f in db.Providers on h.FromProviderId equals f.Id
            join t in db.Providers on h.ToProviderId equals t.Id
            select new Row(h.Id, h.PatientId, p.GivenName + " " + p.FamilyName, f.GivenName + " " + f.FamilyName, t.GivenName + " " + t.FamilyName, h.Note, h.ChangeoverOn, h.Status, h.ProposedBy, h.ProposedAt, h.RespondedBy, h.RespondedAt, h.DeclineReason);
    }
}
