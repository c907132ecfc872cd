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

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, TimeProvider clock)
    {
        public async Task<Result<PatientId>> Handle(Command command, CancellationToken ct = default)
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
