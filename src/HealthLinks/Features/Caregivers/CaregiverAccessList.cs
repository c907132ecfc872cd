using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Infrastructure.Localization;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Caregivers;

/// <summary>For the coordinator: who may be given access to a patient's plan, and every access given, current or past.</summary>
public static class CaregiverAccessList
{
    public enum AccessState
    {
        Active,
        Expired,
        Revoked,
    }

    public sealed record Person(Guid Id, string Name, string Relationship, string? Email);

    public sealed record Row(
        Guid Id, string Name, string Email, AgreementGivenBy AgreedBy, AgreementMethod AgreedHow, DateOnly AgreedOn, DateOnly ExpiresOn,
        string GrantedBy, DateTime GrantedAt, AccessState State, DateTime? RevokedAt, string? RevokedBy, string? RevokedReason);

    public sealed record View(string PatientName, IReadOnlyList<Person> Eligible, IReadOnlyList<Row> Accesses);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, Privacy.PatientAccess access, TimeProvider clock)
    {
        public async Task<View?> Handle(Infrastructure.Privacy.Viewer viewer, PatientId patientId, CancellationToken ct = default)
        {
            if (!(await access.Open(viewer, patientId, "Caregiver access", ct: ct)).Allowed)
            {
                return null;
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var patient = await db.Patients.AsNoTracking().Include(p => p.RelatedPeople).SingleOrDefaultAsync(p => p.Id == patientId, ct);
            if (patient is null)
            {
                return null;
            }

            var today = Ontario.Today(clock);
            var names = patient.RelatedPeople.ToDictionary(r => r.Id, r => r.DisplayName);
            var accesses = await db.CaregiverAccesses.AsNoTracking().Where(a => a.PatientId == patientId).ToListAsync(ct);
            var rows = accesses
                .OrderByDescending(a => a.GrantedAt)
                .Select(a => new Row(
                    a.Id, names.GetValueOrDefault(a.RelatedPersonId, "—"), a.Email, a.AgreedBy, a.AgreedHow, a.AgreedOn, a.ExpiresOn, a.GrantedBy, a.GrantedAt,
                    a.RevokedAt is not null ? AccessState.Revoked : a.IsActiveOn(today) ? AccessState.Active : AccessState.Expired,
                    a.RevokedAt, a.RevokedBy, a.RevokedReason))
                .ToList();
            var eligible = patient.RelatedPeople
                .Where(r => r.Roles.HasFlag(RelatedPersonRoles.Caregiver) || r.Roles.HasFlag(RelatedPersonRoles.SubstituteDecisionMaker))
                .Select(r => new Person(r.Id, r.DisplayName, r.Relationship, r.Email))
                .ToList();
            return new View(patient.DisplayName, eligible, rows);
        }
    }
}
