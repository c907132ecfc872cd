using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.Privacy;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Conferences;

/// <summary>Cancels a scheduled conference.</summary>
public static class CancelConference
{
    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, PatientAccess access, ConferenceMail mail, TimeProvider clock)
    {
        /// <summary>Cancels a scheduled conference; every invitee gets a calendar cancellation that removes it from their calendar.</summary>
        public async Task<Result<bool>> Handle(Viewer viewer, Guid id, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var conference = await db.CareConferences.Include(c => c.Invitees).SingleOrDefaultAsync(c => c.Id == id, ct);
            if (conference is null)
            {
                return Result<bool>.Failed("Conference", Rules.NotFound, "no such conference");
            }

            if (!(await access.Open(viewer, conference.PatientId, "Care conference", AuditAction.Change, AccessScope.Record, ct)).Allowed)
            {
                return Result<bool>.Failed("Patient", Rules.NotAllowed, "only the patient's care team cancels a conference");
            }

            try
            {
                conference.Cancel(viewer.UserName, clock.GetUtcNow().UtcDateTime);
            }
            catch (DomainRuleException e)
            {
                return Result<bool>.Failed(e.Violations);
            }

            await db.SaveChangesAsync(ct);
            await mail.Send(conference, ct);
            return true;
        }
    }
}
