using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Screening;

/// <summary>
/// Takes a candidate on (assigned to a coordinator; an episode opens at "identified" from screening, or the open one is
/// used: never a second) or dismisses them with a reason.
/// </summary>
public static class DecideCandidate
{
    public sealed record Assign(PatientId PatientId, ProviderId Coordinator, string By);

    public sealed record Dismiss(PatientId PatientId, string Reason, string By);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, Privacy.PatientAccess access, TimeProvider clock)
    {
        public async Task<Result<PatientId>> Handle(Infrastructure.Privacy.Viewer viewer, Assign command, CancellationToken ct = default)
        {
            if (!await Decides(viewer, command.PatientId, ct))
            {
                return Result<PatientId>.Failed("PatientId", Rules.NotAllowed, "only the patient's Health Link works its worklist");
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var patient = await db.Patients.Include(p => p.Enrollments).SingleOrDefaultAsync(p => p.Id == command.PatientId, ct);
            if (patient is null)
            {
                return Result<PatientId>.Failed("PatientId", Rules.NotFound, "no such patient");
            }

            if (!await db.Providers.AnyAsync(p => p.Id == command.Coordinator && p.Profession == Profession.CareCoordinator, ct))
            {
                return Result<PatientId>.Failed("Coordinator", Rules.NotFound, "choose a care coordinator");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            if (patient.OpenEnrollment is null)
            {
                patient.Identify(patient.HealthLinkId, IdentificationSource.Screening, command.By, now, Enrollment.EpisodeReasons.Write("EpisodeReason_ScreeningTakenOn"));
            }

            var entry = await Entry(db, command.PatientId, ct);
            entry.Assign(command.Coordinator, command.By, now);
            await db.SaveChangesAsync(ct);
            return command.PatientId;
        }

        public async Task<Result<PatientId>> Handle(Infrastructure.Privacy.Viewer viewer, Dismiss command, CancellationToken ct = default)
        {
            if (!await Decides(viewer, command.PatientId, ct))
            {
                return Result<PatientId>.Failed("PatientId", Rules.NotAllowed, "only the patient's Health Link works its worklist");
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            if (!await db.Patients.AnyAsync(p => p.Id == command.PatientId, ct))
            {
                return Result<PatientId>.Failed("PatientId", Rules.NotFound, "no such patient");
            }

            var entry = await Entry(db, command.PatientId, ct);
            try
            {
                entry.Dismiss(command.Reason, command.By, clock.GetUtcNow().UtcDateTime);
            }
            catch (DomainRuleException e)
            {
                return Result<PatientId>.Failed(e.Violations);
            }

            await db.SaveChangesAsync(ct);
            return command.PatientId;
        }

        private static async Task<WorklistEntry> Entry(HealthLinksDb db, PatientId patient, CancellationToken ct)
        {
            var entry = await db.WorklistEntries.SingleOrDefaultAsync(w => w.PatientId == patient, ct);
            if (entry is null)
            {
                entry = new WorklistEntry(patient);
                db.WorklistEntries.Add(entry);
            }

            return entry;
        }

        private async Task<bool> Decides(Infrastructure.Privacy.Viewer viewer, PatientId patient, CancellationToken ct) =>
            (await access.Open(viewer, patient, "Worklist", Domain.Privacy.AuditAction.Change, Domain.Privacy.AccessScope.Registration, ct)).Allowed;
    }
}
