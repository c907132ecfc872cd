using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Referrals;

/// <summary>Referrals for coordinated care: by a provider's clinical judgment, or by a patient or caregiver through the public form, then reviewed.</summary>
public static class Referrals
{
    /// <summary>The public form; settable so the page binds to it.</summary>
    public sealed class SelfReferral
    {
        public ReferralSource Source { get; set; } = ReferralSource.Patient;

        public string? GivenName { get; set; }

        public string? FamilyName { get; set; }

        public DateOnly? DateOfBirth { get; set; }

        public string? ContactPhone { get; set; }

        public string? ContactEmail { get; set; }

        public string ReferredBy { get; set; } = "";

        public string Reason { get; set; } = "";
    }

    public sealed record Row(Guid Id, ReferralSource Source, string Who, DateOnly? DateOfBirth, string ReferredBy, string? Contact, string Reason, ReferralUrgency Urgency, DateTime ReceivedAt, ReferralStatus Status, PatientId? PatientId, string? DeclineReason);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, Privacy.PatientAccess access, TimeProvider clock)
    {
        /// <summary>A provider refers a patient on record: the referral points to the patient's open episode, opened if needed.</summary>
        public async Task<Result<Guid>> Refer(Infrastructure.Privacy.Viewer viewer, PatientId patientId, string reason, ReferralUrgency urgency, CancellationToken ct = default)
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

        public async Task<Result<Guid>> Submit(SelfReferral form, CancellationToken ct = default)
        {
            try
            {
                var referral = Referral.FromPublic(form.Source, form.GivenName, form.FamilyName, form.DateOfBirth, form.ContactPhone, form.ContactEmail, form.Reason, form.ReferredBy, clock.GetUtcNow().UtcDateTime);
                await using var db = await dbs.CreateDbContextAsync(ct);
                db.Referrals.Add(referral);
                await db.SaveChangesAsync(ct);
                return referral.Id;
            }
            catch (DomainRuleException e)
            {
                return Result<Guid>.Failed(e.Violations);
            }
        }

        /// <summary>
        /// The referrals of the viewer's Health Link (those about its patients), and the public ones no Health Link has
        /// taken yet, which any Health Link's staff may triage. New ones first; audited as a list view.
        /// </summary>
        public async Task<IReadOnlyList<Row>> List(Infrastructure.Privacy.Viewer viewer, CancellationToken ct = default)
        {
            if (!viewer.IsHealthLinkStaff || viewer.HealthLinkId is not { } healthLink)
            {
                return [];
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var ours = db.Patients.Where(p => p.HealthLinkId == healthLink).Select(p => p.Id);
            var referrals = await db.Referrals.AsNoTracking().Where(r => r.PatientId == null ? r.Status == ReferralStatus.New : ours.Contains(r.PatientId.Value))
                .OrderBy(r => r.Status).ThenByDescending(r => r.ReceivedAt).ToListAsync(ct);
            var ids = referrals.Where(r => r.PatientId != null).Select(r => r.PatientId!.Value).Distinct().ToList();
            var names = await db.Patients.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.FamilyName + ", " + p.GivenName, ct);
            await access.Listed(viewer, ids, "Referrals", ct);
            return referrals.Select(r => new Row(r.Id, r.Source, r.PatientId is { } p ? names.GetValueOrDefault(p, "—") : $"{r.FamilyName}, {r.GivenName}", r.DateOfBirth, r.ReferredBy,
                r.ContactPhone ?? r.ContactEmail, r.Reason, r.Urgency, r.ReceivedAt, r.Status, r.PatientId, r.DeclineReason)).ToList();
        }

        /// <summary>
        /// A coordinator accepts a self-referral: the patient on record with the same name and date of birth (only when
        /// exactly one matches), or a new record in the Health Link chosen; then the open episode, opened if needed.
        /// </summary>
        public async Task<Result<PatientId>> Accept(Guid referralId, Guid healthLinkId, string by, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == referralId, ct);
            if (referral is null)
            {
                return Result<PatientId>.Failed("ReferralId", Rules.NotFound, "no such referral");
            }

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
                return patient.Id;
            }
            catch (DomainRuleException e)
            {
                return Result<PatientId>.Failed(e.Violations);
            }
        }

        public async Task<Result<Guid>> Decline(Guid referralId, string reason, string by, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == referralId, ct);
            if (referral is null)
            {
                return Result<Guid>.Failed("ReferralId", Rules.NotFound, "no such referral");
            }

            try
            {
                referral.Decline(reason, by, clock.GetUtcNow().UtcDateTime);
            }
            catch (DomainRuleException e)
            {
                return Result<Guid>.Failed(e.Violations);
            }

            await db.SaveChangesAsync(ct);
            return referral.Id;
        }
    }
}
