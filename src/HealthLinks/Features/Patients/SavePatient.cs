using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Infrastructure.Localization;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Patients;

/// <summary>Creates or updates a patient's identifiers. The admin page, the CLI and the tests all come through here.</summary>
public static class SavePatient
{
    public sealed class Command
    {
        public PatientId? Id { get; set; }

        public Guid HealthLinkId { get; set; }

        public PatientDetails Details { get; set; } = new();
    }

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, Privacy.PatientAccess access, TimeProvider clock)
    {
        /// <summary>
        /// A new patient is registered by a Health Link's staff in their own Health Link; a change to one is made by whoever
        /// the access rule lets see their registration (the Health Link's staff, the care team).
        /// </summary>
        public async Task<Result<PatientId>> Handle(Infrastructure.Privacy.Viewer viewer, Command command, CancellationToken ct = default)
        {
            var allowed = command.Id is { } id
                ? (await access.Open(viewer, id, "Registration", Domain.Privacy.AuditAction.Change, Domain.Privacy.AccessScope.Registration, ct)).Allowed
                : viewer.IsHealthLinkStaff && viewer.HealthLinkId == command.HealthLinkId;
            if (!allowed)
            {
                return Result<PatientId>.Failed("HealthLinkId", Rules.NotAllowed, "patients are registered by their own Health Link's staff");
            }

            var saved = await Save(command, ct);
            if (saved.Succeeded && command.Id is null)
            {
                // The new record's first audit event: who registered it (the access rule now finds them as its Health Link's staff).
                await access.Open(viewer, saved.Value, "Registration", Domain.Privacy.AuditAction.Change, Domain.Privacy.AccessScope.Registration, ct);
            }

            return saved;
        }

        /// <summary>The save itself, for a use case that has already been through the door (and tests arranging data).</summary>
        internal async Task<Result<PatientId>> Save(Command command, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var today = Ontario.Today(clock);
            var violations = new List<RuleViolation>();
            if (command.Id is null && !await db.HealthLinks.AnyAsync(h => h.Id == command.HealthLinkId, ct))
            {
                violations.Add(new RuleViolation(nameof(Command.HealthLinkId), Rules.Required, "choose the patient's Health Link"));
            }

            Patient? patient = null;
            try
            {
                if (command.Id is { } id)
                {
                    patient = await db.Patients.SingleOrDefaultAsync(p => p.Id == id, ct)
                        ?? throw new DomainRuleException("Id", Rules.NotFound, "no such patient");
                    patient.Update(command.Details, today);
                }
                else
                {
                    patient = new Patient(command.HealthLinkId, command.Details, today);
                    db.Patients.Add(patient);
                }
            }
            catch (DomainRuleException e)
            {
                violations.AddRange(e.Violations);
            }

            if (violations.Count > 0 || patient is null)
            {
                return Result<PatientId>.Failed(violations);
            }

            if (patient.HealthCardNumber is { } card && await db.Patients.AnyAsync(p => p.HealthCardNumber == card && p.Id != patient.Id, ct))
            {
                return DuplicateCard();
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException) when (patient.HealthCardNumber is not null)
            {
                // Someone saved the same card number between our check and our save.
                return DuplicateCard();
            }

            return patient.Id;
        }

        private static Result<PatientId> DuplicateCard() =>
            Result<PatientId>.Failed(nameof(PatientDetails.HealthCardNumber), Rules.HealthCardDuplicate, "another patient already has this health card number");
    }
}
