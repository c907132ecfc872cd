using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Caregivers;

/// <summary>Ends a caregiver's access now, for example when the patient withdraws their agreement. The record is kept.</summary>
public static class RevokeCaregiverAccess
{
    public sealed record Command(PatientId PatientId, Guid AccessId, string Reason, string By);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, Privacy.PatientAccess patients, TimeProvider clock)
    {
        public async Task<Result<Guid>> Handle(Infrastructure.Privacy.Viewer viewer, Command command, CancellationToken ct = default)
        {
            if (!(await patients.Open(viewer, command.PatientId, "Caregiver access", Domain.Privacy.AuditAction.Change, Domain.Privacy.AccessScope.Record, ct)).Allowed)
            {
                return Result<Guid>.Failed("PatientId", Rules.NotAllowed, "only the patient's care team ends a caregiver's access");
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var access = await db.CaregiverAccesses.SingleOrDefaultAsync(a => a.Id == command.AccessId && a.PatientId == command.PatientId, ct);
            if (access is null)
            {
                return Result<Guid>.Failed("AccessId", Rules.NotFound, "no such caregiver access for this patient");
            }

            try
            {
                access.Revoke(command.Reason, command.By, clock.GetUtcNow().UtcDateTime);
            }
            catch (DomainRuleException e)
            {
                return Result<Guid>.Failed(e.Violations);
            }

            await db.SaveChangesAsync(ct);
            return access.Id;
        }
    }
}
