using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.Privacy;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.CareTeams;

/// <summary>A membership ends on a day, with the reason; the history stays, and access ends with it. The lead is handed off, not removed.</summary>
public static class EndTeamMembership
{
    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, PatientAccess access)
    {
        public async Task<Result<DateOnly>> Handle(Viewer viewer, PatientId patient, Guid memberId, CareTeam.EndCommand command, CancellationToken ct = default)
        {
            if (!viewer.IsIn(Roles.CareCoordinator) || !(await access.Open(viewer, patient, "Care team", AuditAction.Change, AccessScope.Registration, ct)).Allowed)
            {
                return Result<DateOnly>.Failed("Patient", Rules.NotAllowed, "only the patient's care coordinators change the care team");
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var record = await db.Patients.Include(p => p.CareTeam).SingleOrDefaultAsync(p => p.Id == patient, ct);
            if (record is null)
            {
                return Result<DateOnly>.Failed("Patient", Rules.NotFound, "no such patient");
            }

            try
            {
                record.LeaveTeam(memberId, command.LeftOn, command.Reason);
            }
            catch (DomainRuleException e)
            {
                return Result<DateOnly>.Failed(e.Violations);
            }

            await db.SaveChangesAsync(ct);
            return command.LeftOn;
        }
    }
}
