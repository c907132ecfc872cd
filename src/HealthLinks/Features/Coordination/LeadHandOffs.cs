using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.Notifications;
using HealthLinks.Features.Privacy;
using HealthLinks.Infrastructure.Localization;
using HealthLinks.Infrastructure.Privacy;
using HealthLinks.Resources;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace HealthLinks.Features.Coordination;

/// <summary>The warm hand-off of the lead care coordinator role, from proposal to changeover, every step kept.</summary>
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

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, PatientAccess access, AuditTrail audit, Notifier notifier, TimeProvider clock, IStringLocalizer<Strings> l)
    {
        /// <summary>The current lead's provider, if any, today; null too when this viewer may not see the patient's record.</summary>
        public async Task<(ProviderId Provider, string Name)?> Lead(Viewer viewer, PatientId patient, CancellationToken ct = default) =>
            await Sees(viewer, patient, ct) ? await LeadOf(patient, ct) : null;

        private async Task<bool> Sees(Viewer viewer, PatientId patient, CancellationToken ct) =>
            (await access.Open(viewer, patient, "Lead and episode", ct: ct)).Allowed;

        private async Task<(ProviderId Provider, string Name)?> LeadOf(PatientId patient, CancellationToken ct)
        {
            var today = Ontario.Today(clock);
            await using var db = await dbs.CreateDbContextAsync(ct);
            var lead = await db.CareTeamMembers.Where(m => m.PatientId == patient && m.IsLead && m.JoinedOn <= today && (m.LeftOn == null || m.LeftOn > today))
                .Join(db.Providers, m => m.ProviderId, p => p.Id, (m, p) => new { p.Id, p.GivenName, p.FamilyName }).FirstOrDefaultAsync(ct);
            return lead is null ? null : (lead.Id, $"{lead.GivenName} {lead.FamilyName}");
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

        /// <summary>The current lead proposes a provider to take over, with a note and the changeover day.</summary>
        public async Task<Result<Guid>> Propose(Viewer viewer, PatientId patient, ProposeCommand command, CancellationToken ct = default)
        {
            if (!(await access.Open(viewer, patient, "Lead hand-off", AuditAction.Change, AccessScope.Record, ct)).Allowed)
            {
                return Result<Guid>.Failed("Patient", Rules.NotAllowed, "only the patient's care team hands off the lead");
            }

            var lead = await LeadOf(patient, ct);
            if (lead is null || lead.Value.Provider != viewer.ProviderId)
            {
                return Result<Guid>.Failed("Patient", Rules.NotAllowed, "only the current lead care coordinator proposes a hand-off");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var today = Ontario.Today(clock);
            await using var db = await dbs.CreateDbContextAsync(ct);
            var to = command.ToProviderId is { } id ? await db.Providers.SingleOrDefaultAsync(p => p.Id == id, ct) : null;
            if (to is null)
            {
                return Result<Guid>.Failed(nameof(ProposeCommand.ToProviderId), Rules.NotAProvider, "choose a provider from the directory");
            }

            if (await db.LeadHandOffs.AnyAsync(h => h.PatientId == patient && h.Status == HandOffStatus.Proposed, ct))
            {
                return Result<Guid>.Failed(nameof(ProposeCommand.ToProviderId), Rules.HandOffPending, "a hand-off is already waiting for an answer");
            }

            try
            {
                var handOff = new LeadHandOff(patient, lead.Value.Provider, to.Id, command.Note, command.ChangeoverOn, viewer.UserName, now, today);
                db.LeadHandOffs.Add(handOff);
                var emails = await Tell(db, patient, [to.Id], [], "hand-off-proposed", l["HandOff_ProposedTitle"], string.Format(System.Globalization.CultureInfo.CurrentCulture, l["HandOff_ProposedBody"], lead.Value.Name), "/hand-offs", now, ct);
                await db.SaveChangesAsync(ct);
                await notifier.Send(emails, ct);
                return handOff.Id;
            }
            catch (DomainRuleException e)
            {
                return Result<Guid>.Failed(e.Violations);
            }
        }

        /// <summary>The proposed lead accepts: they join the team now, and the lead role passes on the changeover day. The patient and the team are told.</summary>
        public async Task<Result<DateOnly>> Accept(Viewer viewer, Guid id, CancellationToken ct = default)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var today = Ontario.Today(clock);
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (await Answering(db, viewer, id, ct) is not { } handOff)
            {
                return Result<DateOnly>.Failed("HandOff", Rules.NotAllowed, "only the proposed lead answers this hand-off");
            }

            var patient = await db.Patients.Include(p => p.CareTeam).SingleAsync(p => p.Id == handOff.PatientId, ct);
            try
            {
                handOff.Accept(viewer.UserName, now, today);
                var oldLead = patient.LeadOn(today)
                    ?? throw new DomainRuleException("Lead", Rules.NotFound, "the patient has no lead care coordinator to hand off from");
                var changeover = handOff.ChangeoverOn;
                var onTeam = patient.CareTeam.Any(m => m.ProviderId == handOff.ToProviderId && m.IsActiveOn(today) && (m.LeftOn is null || m.LeftOn >= changeover));
                if (changeover > today && !onTeam)
                {
                    // The overlap: both on the team, the old lead still leading, until the changeover.
                    var incoming = patient.AddProviderToTeam(handOff.ToProviderId, "Incoming lead care coordinator", today);
                    patient.EndMembership(incoming.Id, changeover);
                }

                if (changeover > oldLead.JoinedOn)
                {
                    patient.EndMembership(oldLead.Id, changeover);
                }

                patient.AddProviderToTeam(handOff.ToProviderId, "Lead care coordinator", changeover, isLead: true);
                var team = patient.CareTeam.Where(m => m.IsActiveOn(today) && m.ProviderId is not null).Select(m => m.ProviderId!.Value).Distinct().ToList();
                var body = string.Format(System.Globalization.CultureInfo.CurrentCulture, l["HandOff_AcceptedBody"], patient.DisplayName, Languages.Date(changeover));
                // The patient hears it at the email of their own account, and at the one on their record.
                var patientEmails = await db.Users.Where(u => u.PatientId == patient.Id && u.Email != null).Select(u => u.Email!).ToListAsync(ct);
                if (patient.Email is { } recorded)
                {
                    patientEmails.Add(recorded);
                }

                var emails = await Tell(db, patient.Id, team, patientEmails, "lead-change", l["HandOff_AcceptedTitle"], body, $"/patients/{patient.Id}", now, ct);
                await db.SaveChangesAsync(ct);
                await audit.Append(viewer, patient.Id, "Lead hand-off accepted", AuditAction.Change, AuditOutcome.Allowed, AccessBasis.ProposedLead, ct);
                await notifier.Send(emails, ct);
                return changeover;
            }
            catch (DomainRuleException e)
            {
                return Result<DateOnly>.Failed(e.Violations);
            }
        }

        public async Task<Result<bool>> Decline(Viewer viewer, Guid id, string? reason, CancellationToken ct = default)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (await Answering(db, viewer, id, ct) is not { } handOff)
            {
                return Result<bool>.Failed("HandOff", Rules.NotAllowed, "only the proposed lead answers this hand-off");
            }

            try
            {
                handOff.Decline(reason, viewer.UserName, now);
                var emails = await Tell(db, handOff.PatientId, [handOff.FromProviderId], [], "hand-off-declined", l["HandOff_DeclinedTitle"], handOff.DeclineReason!, $"/patients/{handOff.PatientId}/lead", now, ct);
                await db.SaveChangesAsync(ct);
                await audit.Append(viewer, handOff.PatientId, "Lead hand-off declined", AuditAction.Change, AuditOutcome.Allowed, AccessBasis.ProposedLead, ct);
                await notifier.Send(emails, ct);
                return true;
            }
            catch (DomainRuleException e)
            {
                return Result<bool>.Failed(e.Violations);
            }
        }

        /// <summary>The hand-off, when this user is the one it proposes.</summary>
        private static async Task<LeadHandOff?> Answering(HealthLinksDb db, Viewer viewer, Guid id, CancellationToken ct) =>
            await db.LeadHandOffs.SingleOrDefaultAsync(h => h.Id == id && h.ToProviderId == viewer.ProviderId, ct);

        private static async Task<List<Notifier.Email>> Tell(HealthLinksDb db, PatientId about, IReadOnlyCollection<ProviderId> providers, IEnumerable<string> others, string kind, string title, string body, string link, DateTime now, CancellationToken ct)
        {
            var addresses = (await Notifier.ProviderEmails(db, about, providers, OntarioTime.DayOf(now), ct)).Values.Concat(others).Distinct(StringComparer.OrdinalIgnoreCase);
            return [.. addresses.Select(a => Notifier.Add(db, a, kind, title, body, link, title, now))];
        }

        private static IQueryable<Row> Rows(HealthLinksDb db, IQueryable<LeadHandOff> handOffs) =>
            from h in handOffs
            join p in db.Patients on h.PatientId equals p.Id
            join f in db.Providers on h.FromProviderId equals f.Id
            join t in db.Providers on h.ToProviderId equals t.Id
            select new Row(h.Id, h.PatientId, p.GivenName + " " + p.FamilyName, f.GivenName + " " + f.FamilyName, t.GivenName + " " + t.FamilyName, h.Note, h.ChangeoverOn, h.Status, h.ProposedBy, h.ProposedAt, h.RespondedBy, h.RespondedAt, h.DeclineReason);
    }
}
