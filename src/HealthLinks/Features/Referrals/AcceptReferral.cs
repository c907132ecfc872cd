using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Referrals;

/// <summary>A referral accepted: the patient found or registered, their episode opened.</summary>
public static class AcceptReferral
{
    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, Infrastructure.Privacy.AuditTrail audit, TimeProvider clock)
    {
        /// <summary>
        /// A Health Link's coordinator or administrator accepts a referral into their own Health Link: the patient on record
        /// with the same name and date of birth (only when exactly one matches), or a new record; then the open episode,
        /// opened if needed. The patient's record is changed, so it is audited.
        /// </summary>
        public async Task<Result<PatientId>> Handle(Infrastructure.Privacy.Viewer viewer, Guid referralId, Guid healthLinkId, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (viewer.HealthLinkId != healthLinkId)
            {
                return Result<PatientId>.Failed("HealthLinkId", Rules.NotAllowed, "you accept referrals into your own Health Link only");
            }

            var referral = await Referrals.Reviewable(db, viewer, referralId, ct);
            if (referral is null)
            {
                return Result<PatientId>.Failed("ReferralId", Rules.NotFound, "no such referral");
            }

            var by = viewer.UserName;

            var now = clock.GetUtcNow().UtcDateTime;
            var matches = await db.Patients.Include(p => p.Enrollments)
                .Where(p => p.HealthLinkId == healthLinkId && p.FamilyName == referral.FamilyName && p.GivenName == referral.GivenName && p.DateOfBirth == referral.DateOfBirth).Take(2).ToListAsync(ct);
            try
            {
                var patient = matches.Count == 1 ? matches[0] : new Patient(healthLinkId, new PatientDetails
                {
                    GivenName = referral.GivenName,
                    FamilyName = referral.FamilyName,
                    DateOfBirth = referral.DateOfBirth,
                    Phone = referral.ContactPhone,
                    Email = referral.ContactEmail,
                }, OntarioTime.DayOf(now));
                if (matches.Count != 1)
                {
                    if (!await db.HealthLinks.AnyAsync(h => h.Id == healthLinkId, ct))
                    {
                        return Result<PatientId>.Failed("HealthLinkId", Rules.NotFound, "choose the Health Link the patient belongs to");
                    }

                    db.Patients.Add(patient);
                }

                referral.Accept(patient, by, now);
                await db.SaveChangesAsync(ct);
                await audit.Append(viewer, patient.Id, "Referral accepted", AuditAction.Change, AuditOutcome.Allowed, AccessBasis.HealthLinkRole, ct);
                return patient.Id;
            }
            catch (DomainRuleException e)
            {
                return Result<PatientId>.Failed(e.Violations);
            }
        }
    }
}
