using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.CarePlans;
using HealthLinks.Features.Privacy;
using HealthLinks.Infrastructure.Localization;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Conferences;

/// <summary>One conference with its agenda, for the patient's care team, without what directives withhold.</summary>
public static class GetConference
{
    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, PatientAccess access, TimeProvider clock)
    {
        public async Task<(PatientAccess.Result? Access, PatientId Patient, Conferences.Details? Details)> Handle(Viewer viewer, Guid id, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var conference = await db.CareConferences.AsNoTracking().Include(c => c.Invitees).Include(c => c.Decisions).AsSplitQuery().SingleOrDefaultAsync(c => c.Id == id, ct);
            if (conference is null)
            {
                return (null, default, null);
            }

            var gate = await access.Open(viewer, conference.PatientId, "Care conference", AuditAction.View, AccessScope.Record, ct);
            if (!gate.Allowed)
            {
                return (gate, conference.PatientId, null);
            }

            var today = Ontario.Today(clock);
            var name = await db.Patients.Where(p => p.Id == conference.PatientId).Select(p => p.GivenName + " " + p.FamilyName).SingleAsync(ct);
            var team = (await PlanFacts.Read(db, conference.PatientId, today, ct))?.Team ?? [];
            var plan = await db.CarePlans.AsNoTracking().SingleOrDefaultAsync(p => p.PatientId == conference.PatientId, ct);
            var agenda = await ConferenceAgenda.Build(db, conference, today, gate.Withheld, ct);
            return (gate, conference.PatientId, new Conferences.Details(conference, name, agenda, team, plan?.Document.Goals ?? []));
        }
    }
}
