using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Infrastructure.Localization;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Caregivers;

/// <summary>The coordinator records the patient's agreement and gives a caregiver read-only access to the plan until a date.</summary>
public static class GrantCaregiverAccess
{
    /// <summary>Settable so a form can bind to it.</summary>
    public sealed class Command
    {
        public PatientId PatientId { get; set; }

        public Guid RelatedPersonId { get; set; }

        public AgreementGivenBy AgreedBy { get; set; } = AgreementGivenBy.Patient;

        public AgreementMethod AgreedHow { get; set; } = AgreementMethod.InPerson;

        public DateOnly AgreedOn { get; set; }

        public DateOnly ExpiresOn { get; set; }

        public string By { get; set; } = "";
    }

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, Privacy.PatientAccess patients, TimeProvider clock)
    {
        public async Task<Result<Guid>> Handle(Infrastructure.Privacy.Viewer viewer, Command command, CancellationToken ct = default)
        {
            if (!(await patients.Open(viewer, command.PatientId, "Caregiver access", Domain.Privacy.AuditAction.Change, Domain.Privacy.AccessScope.Record, ct)).Allowed)
            {
                return Result<Guid>.Failed("PatientId", Rules.NotAllowed, "only the patient's care team records a caregiver's access");
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var patient = await db.Patients.Include(p => p.RelatedPeople).SingleOrDefaultAsync(p => p.Id == command.PatientId, ct);
            if (patient is null)
            {
                return Result<Guid>.Failed("PatientId", Rules.NotFound, "no such patient");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var today = Ontario.Today(clock);
            var current = await db.CaregiverAccesses.Where(a => a.PatientId == command.PatientId && a.RelatedPersonId == command.RelatedPersonId && a.RevokedAt == null)
                .ToListAsync(ct);
            if (current.Any(a => a.IsActiveOn(today)))
            {
                return Result<Guid>.Failed("RelatedPersonId", Rules.AccessAlreadyActive, "this person already has access; revoke it before giving it again");
            }

            try
            {
                var access = new CaregiverAccess(patient, command.RelatedPersonId, command.AgreedBy, command.AgreedHow, command.AgreedOn, command.ExpiresOn, command.By, now);
                db.CaregiverAccesses.Add(access);
                await db.SaveChangesAsync(ct);
                return access.Id;
            }
            catch (DomainRuleException e)
            {
                return Result<Guid>.Failed(e.Violations);
            }
        }
    }
}
