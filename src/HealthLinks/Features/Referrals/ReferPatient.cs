using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Referrals;

/// <summary>A provider refers a patient on record for coordinated care, by their clinical judgment.</summary>
public static class ReferPatient
{
    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, Privacy.PatientAccess access, TimeProvider clock)
    {
        /// <summary>A provider refers a patient on record: the referral points to the patient's open episode, opened if needed.</summary>
        public async Task<Result<Guid>> Handle(Infrastructure.Privacy.Viewer viewer, PatientId patientId, string reason, ReferralUrgency urgency, CancellationToken ct = default)
        {
            if (!(await access.Open(viewer, patientId, "Referral", Domain.Privacy.AuditAction.Change, Domain.Privacy.AccessScope.Registration, ct)).Allowed)
            {
                return Result<Guid>.Failed("PatientId", Rules.NotAllowed, "you may not refer this patient: ask their Health Link");
            }

            return await Refer(patientId, reason, urgency, viewer.UserName, ct);
        }

        /// <summary>The referral itself, for a use case that has already been through the door (and tests arranging data).</summary>
        internal async Task<Result<Guid>> Refer(PatientId patientId, string reason, ReferralUrgency urgency, string by, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var patient = await db.Patients.Include(p => p.Enrollments).SingleOrDefaultAsync(p => p.Id == patientId, ct);
            if (patient is null)
            {
                return Result<Guid>.Failed("PatientId", Rules.NotFound, "no such patient");
            }

            try
            {
                var referral = Referral.FromProvider(patient, reason, urgency, by, clock.GetUtcNow().UtcDateTime);
                db.Referrals.Add(referral);
                await db.SaveChangesAsync(ct);
                return referral.EnrollmentId!.Value;
            }
            catch (DomainRuleException e)
            {
                return Result<Guid>.Failed(e.Violations);
            }
        }
    }
}
