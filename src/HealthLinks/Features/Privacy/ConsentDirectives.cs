using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Privacy;

/// <summary>Records and ends a patient's consent directives; the history keeps every one, who recorded it and on whose instruction.</summary>
public static class ConsentDirectives
{
    public sealed class Command
    {
        public bool WholeRecord { get; set; }

        public bool MentalHealthAndAddictions { get; set; }

        public bool Medications { get; set; }

        public bool SituationAndLifestyle { get; set; }

        public DirectiveAudience Audience { get; set; } = DirectiveAudience.EveryoneOutsideTeam;

        public Guid? ProviderId { get; set; }

        public Guid? OrganizationId { get; set; }

        public AgreementGivenBy InstructedBy { get; set; } = AgreementGivenBy.Patient;

        public string InstructedByName { get; set; } = "";

        public WithheldParts Parts =>
            (WholeRecord ? WithheldParts.WholeRecord : WithheldParts.None)
            | (MentalHealthAndAddictions ? WithheldParts.MentalHealthAndAddictions : WithheldParts.None)
            | (Medications ? WithheldParts.Medications : WithheldParts.None)
            | (SituationAndLifestyle ? WithheldParts.SituationAndLifestyle : WithheldParts.None);
    }

    public sealed record Row(Guid Id, WithheldParts Withholds, DirectiveAudience Audience, string? Target, AgreementGivenBy InstructedBy, string InstructedByName,
        string RecordedBy, DateTime RecordedAt, DateTime? EndedAt, string? EndedBy, string? EndedReason);

    public sealed record Choice(Guid Id, string Name);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, PatientAccess access, TimeProvider clock)
    {
        /// <summary>The patient's directives, for those who may record them (the team, the Health Link's staff); none otherwise.</summary>
        public async Task<IReadOnlyList<Row>> History(Viewer viewer, PatientId patient, CancellationToken ct = default)
        {
            if (!(await access.Open(viewer, patient, "Consent directives", needs: AccessScope.Registration, ct: ct)).Allowed)
            {
                return [];
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var rows = await db.ConsentDirectives.AsNoTracking().Where(d => d.PatientId == patient).ToListAsync(ct);
            var providers = await db.Providers.AsNoTracking().Select(p => new { p.Id, Name = p.GivenName + " " + p.FamilyName }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
            var organizations = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Name }).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
            return rows.OrderByDescending(d => d.RecordedAt).Select(d => new Row(d.Id, d.Withholds, d.Audience,
                d.ProviderId is { } p ? providers.GetValueOrDefault(p) : d.OrganizationId is { } o ? organizations.GetValueOrDefault(o) : null,
                d.InstructedBy, d.InstructedByName, d.RecordedBy, d.RecordedAt, d.EndedAt, d.EndedBy, d.EndedReason)).ToList();
        }

        public async Task<(IReadOnlyList<Choice> Providers, IReadOnlyList<Choice> Organizations)> Choices(CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var providers = await db.Providers.AsNoTracking().OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName)
                .Select(p => new Choice(p.Id.Value, p.GivenName + " " + p.FamilyName)).ToListAsync(ct);
            var organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Name).Select(o => new Choice(o.Id, o.Name)).ToListAsync(ct);
            return (providers, organizations);
        }

        public async Task<Result<Guid>> Record(Viewer viewer, PatientId patient, Command command, CancellationToken ct = default)
        {
            var gate = await access.Open(viewer, patient, "Consent directives", AuditAction.RecordDirective, AccessScope.Registration, ct);
            if (!gate.Allowed)
            {
                return Result<Guid>.Failed("Patient", Rules.NotAllowed, "you cannot record directives for this patient");
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var v = new Violations();
            if (command.Audience == DirectiveAudience.Provider && command.ProviderId is { } p && !await db.Providers.AnyAsync(x => x.Id == new ProviderId(p), ct))
            {
                v.Add(nameof(Command.ProviderId), Rules.NotFound, "choose a provider from the directory");
            }

            if (command.Audience == DirectiveAudience.Organization && command.OrganizationId is { } o && !await db.Organizations.AnyAsync(x => x.Id == o, ct))
            {
                v.Add(nameof(Command.OrganizationId), Rules.NotFound, "choose an organization from the directory");
            }

            try
            {
                v.ThrowIfAny();
                var directive = new ConsentDirective(patient, command.Parts, command.Audience, command.ProviderId is { } id ? new ProviderId(id) : null, command.OrganizationId,
                    command.InstructedBy, command.InstructedByName, viewer.UserName, clock.GetUtcNow().UtcDateTime);
                db.ConsentDirectives.Add(directive);
                await db.SaveChangesAsync(ct);
                return directive.Id;
            }
            catch (DomainRuleException e)
            {
                return Result<Guid>.Failed(e.Violations);
            }
        }

        public async Task<Result<bool>> End(Viewer viewer, PatientId patient, Guid directiveId, string reason, CancellationToken ct = default)
        {
            var gate = await access.Open(viewer, patient, "Consent directives", AuditAction.EndDirective, AccessScope.Registration, ct);
            if (!gate.Allowed)
            {
                return Result<bool>.Failed("Patient", Rules.NotAllowed, "you cannot end directives for this patient");
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var directive = await db.ConsentDirectives.SingleOrDefaultAsync(d => d.Id == directiveId && d.PatientId == patient, ct);
            if (directive is null)
            {
                return Result<bool>.Failed("Id", Rules.NotFound, "no such directive for this patient");
            }

            try
            {
                directive.End(reason ?? "", viewer.UserName, clock.GetUtcNow().UtcDateTime);
            }
            catch (DomainRuleException e)
            {
                return Result<bool>.Failed(e.Violations);
            }

            await db.SaveChangesAsync(ct);
            return true;
        }
    }
}
