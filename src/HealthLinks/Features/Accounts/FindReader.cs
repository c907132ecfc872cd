using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Accounts;

/// <summary>
/// Before inviting a patient or caregiver to read a plan, the administrator finds the patient by health card number in
/// their own Health Link: the patient's name and email on record, and the caregivers the patient has given access.
/// Looking is a view of the patient's information: audited.
/// </summary>
public static class FindReader
{
    public sealed record Caregiver(string Name, string Email);

    public sealed record Found(PatientId PatientId, string Name, string? Email, IReadOnlyList<Caregiver> Caregivers);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, AuditTrail audit, TimeProvider clock)
    {
        public async Task<Result<Found>> Handle(Viewer viewer, string? healthCardNumber, CancellationToken ct = default)
        {
            if (!AccountRights.MayManage(viewer, viewer.HealthLinkId))
            {
                return Result<Found>.Failed([AccountRights.Refusal]);
            }

            var v = new Violations();
            var card = HealthCardNumber.ReadAsShown(healthCardNumber, v);
            if (card is null)
            {
                return Result<Found>.Failed(v.Any ? v.Items : [new RuleViolation("HealthCardNumber", Rules.Required, "is required")]);
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var patient = await db.Patients.AsNoTracking().Where(p => p.HealthCardNumber == card.Number && p.HealthLinkId == viewer.HealthLinkId)
                .Select(p => new { p.Id, Name = p.GivenName + " " + p.FamilyName, p.Email }).SingleOrDefaultAsync(ct);
            if (patient is null)
            {
                return Result<Found>.Failed("HealthCardNumber", Rules.NotFound, "no patient of your Health Link has this health card number");
            }

            var today = OntarioTime.DayOf(clock.GetUtcNow().UtcDateTime);
            var caregivers = await db.CaregiverAccesses.AsNoTracking()
                .Where(a => a.PatientId == patient.Id && a.RevokedAt == null && a.ExpiresOn > today)
                .Join(db.RelatedPeople, a => a.RelatedPersonId, r => r.Id, (a, r) => new Caregiver(r.GivenName + " " + r.FamilyName, a.Email))
                .ToListAsync(ct);
            await audit.Append(viewer, patient.Id, "Account invitation: patient and caregivers", AuditAction.View, AuditOutcome.Allowed, AccessBasis.HealthLinkRole, ct);
            return new Found(patient.Id, patient.Name, patient.Email, caregivers);
        }
    }
}
