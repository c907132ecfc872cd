using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.Privacy;
using HealthLinks.Infrastructure.Localization;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Contacts;

/// <summary>The patient's contact log: the care team records each contact and reads them newest first.</summary>
public static class ContactLog
{
    public sealed class Command
    {
        /// <summary>Ontario wall-clock time, as the user enters it.</summary>
        public DateTime At { get; set; }

        public ContactKind Kind { get; set; } = ContactKind.Phone;

        public string With { get; set; } = "";

        public string Summary { get; set; } = "";

        public ConditionChange Change { get; set; } = ConditionChange.NotAssessed;

        public string? GoalProgress { get; set; }
    }

    public sealed record Row(Guid Id, DateTime At, ContactKind Kind, string With, string Summary, ConditionChange Change, string? GoalProgress, string RecordedBy);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, PatientAccess access, TimeProvider clock)
    {
        /// <summary>The contacts, newest first; none when the access rule refuses this user (the refusal is audited).</summary>
        public async Task<(PatientAccess.Result Access, IReadOnlyList<Row> Rows)> List(Viewer viewer, PatientId patient, CancellationToken ct = default)
        {
            var gate = await access.Open(viewer, patient, "Contacts", AuditAction.View, AccessScope.Record, ct);
            if (!gate.Allowed)
            {
                return (gate, []);
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            return (gate, await db.PatientContacts.AsNoTracking().Where(c => c.PatientId == patient).OrderByDescending(c => c.At)
                .Select(c => new Row(c.Id, c.At, c.Kind, c.With, c.Summary, c.Change, c.GoalProgress, c.RecordedBy)).ToListAsync(ct));
        }

        /// <summary>The patient's own cadence, or null when it follows the risk tier.</summary>
        public async Task<ContactCadence?> Cadence(Viewer viewer, PatientId patient, CancellationToken ct = default)
        {
            if (!(await access.Open(viewer, patient, "Contacts", ct: ct)).Allowed)
            {
                return null;
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            return await db.Patients.Where(p => p.Id == patient).Select(p => p.ContactCadence).SingleOrDefaultAsync(ct);
        }

        public async Task<Result<bool>> SetCadence(Viewer viewer, PatientId patient, ContactCadence? cadence, CancellationToken ct = default)
        {
            if (!(await access.Open(viewer, patient, "Contact cadence", AuditAction.Change, AccessScope.Record, ct)).Allowed)
            {
                return Result<bool>.Failed("Patient", Rules.NotAllowed, "only the patient's care team sets the contact cadence");
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var record = await db.Patients.SingleAsync(p => p.Id == patient, ct);
            try
            {
                record.SetContactCadence(cadence);
            }
            catch (DomainRuleException e)
            {
                return Result<bool>.Failed(e.Violations);
            }

            await db.SaveChangesAsync(ct);
            return true;
        }

        public async Task<Result<Guid>> Record(Viewer viewer, PatientId patient, Command command, CancellationToken ct = default)
        {
            if (!(await access.Open(viewer, patient, "Contacts", AuditAction.Change, AccessScope.Record, ct)).Allowed)
            {
                return Result<Guid>.Failed("Patient", Rules.NotAllowed, "only the patient's care team records contacts");
            }

            try
            {
                var at = Ontario.ToUtc(command.At);
                var contact = new PatientContact(patient, at, command.Kind, command.With, command.Summary, command.Change, command.GoalProgress, viewer.UserName, clock.GetUtcNow().UtcDateTime);
                await using var db = await dbs.CreateDbContextAsync(ct);
                db.PatientContacts.Add(contact);
                await db.SaveChangesAsync(ct);
                return contact.Id;
            }
            catch (DomainRuleException e)
            {
                return Result<Guid>.Failed(e.Violations);
            }
        }
    }
}
