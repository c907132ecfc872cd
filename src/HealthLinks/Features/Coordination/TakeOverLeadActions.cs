using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.CarePlans;
using HealthLinks.Features.Privacy;
using HealthLinks.Infrastructure.Localization;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Coordination;

/// <summary>
/// After a changeover, the open actions the former lead was responsible for stay with a membership that has ended; the
/// new lead takes them over in one plan version.
/// </summary>
public static class TakeOverLeadActions
{
    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, PatientAccess access, TimeProvider clock)
    {
        /// <summary>How many open actions a former lead still holds: what the lead page offers to move.</summary>
        public async Task<int> Waiting(Viewer viewer, PatientId patient, CancellationToken ct = default)
        {
            if (!(await access.Open(viewer, patient, "Lead and episode", ct: ct)).Allowed)
            {
                return 0;
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var former = FormerLeads(db, patient, Ontario.Today(clock));
            return await db.PlanActions.CountAsync(a => a.PatientId == patient && a.IsOpen && a.ResponsibleMemberId != null && former.Contains(a.ResponsibleMemberId.Value), ct);
        }

        /// <summary>The current lead takes over the former leads' open actions; returns how many.</summary>
        public async Task<Result<int>> Handle(Viewer viewer, PatientId patient, CancellationToken ct = default)
        {
            if (!(await access.Open(viewer, patient, "Lead and episode", AuditAction.Change, AccessScope.Record, ct)).Allowed)
            {
                return Result<int>.Failed("Patient", Rules.NotAllowed, "only the patient's lead care coordinator takes over the actions");
            }

            var (now, today) = (clock.GetUtcNow().UtcDateTime, Ontario.Today(clock));
            await using var db = await dbs.CreateDbContextAsync(ct);
            var lead = await db.CareTeamMembers.Where(m => m.PatientId == patient && m.IsLead && m.ProviderId == viewer.ProviderId && m.JoinedOn <= today && (m.LeftOn == null || m.LeftOn > today))
                .Select(m => (Guid?)m.Id).FirstOrDefaultAsync(ct);
            if (lead is not { } leadMember)
            {
                return Result<int>.Failed("Patient", Rules.NotAllowed, "only the patient's lead care coordinator takes over the actions");
            }

            var former = (await FormerLeads(db, patient, today).ToListAsync(ct)).ToHashSet();
            if (await PlanEdit.Open(db, patient, viewer.UserName, now, today, ct) is not var (plan, team))
            {
                return Result<int>.Failed("Patient", Rules.NotFound, "no such patient");
            }

            var moved = 0;
            try
            {
                PlanEdit.Apply(db, plan, team, document =>
                {
                    foreach (var action in document.Goals.SelectMany(g => g.Actions).Where(a => a.IsOpen && a.ResponsibleMemberId is { } owner && former.Contains(owner)))
                    {
                        action.GiveTo(leadMember);
                        moved++;
                    }
                }, viewer.UserName, now);
                await db.SaveChangesAsync(ct);
                return moved;
            }
            catch (DomainRuleException e)
            {
                return Result<int>.Failed(e.Violations);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Result<int>.Failed("Version", Rules.PlanChangedByOthers, "someone saved the plan at the same moment; try again");
            }
        }

        private static IQueryable<Guid> FormerLeads(HealthLinksDb db, PatientId patient, DateOnly today) =>
            db.CareTeamMembers.Where(m => m.PatientId == patient && m.IsLead && m.LeftOn != null && m.LeftOn <= today).Select(m => m.Id);
    }
}
