using System.Globalization;

using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.CarePlans;
using HealthLinks.Features.Enrollment;
using HealthLinks.Features.Notifications;
using HealthLinks.Features.Privacy;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Localization;
using HealthLinks.Infrastructure.Privacy;
using HealthLinks.Resources;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace HealthLinks.Features.CareTeams;

/// <summary>
/// A coordinator adds someone to the care team: a provider from the directory (or one added now), a related person, or
/// the patient. The new member gains access from the day they join, under the one access rule, and is told.
/// </summary>
public static class AddTeamMember
{
    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, PatientAccess access, Notifier notifier, ProviderInformationSheets.Handler sheets, TimeProvider clock, IStringLocalizer<Strings> l)
    {
        public async Task<Result<Guid>> Handle(Viewer viewer, PatientId patient, CareTeam.AddCommand command, CancellationToken ct = default)
        {
            if (!viewer.IsIn(Roles.CareCoordinator) || !(await access.Open(viewer, patient, "Care team", AuditAction.Change, AccessScope.Registration, ct)).Allowed)
            {
                return Result<Guid>.Failed("Patient", Rules.NotAllowed, "only the patient's care coordinators change the care team");
            }

            var (now, today) = (clock.GetUtcNow().UtcDateTime, Ontario.Today(clock));
            await using var db = await dbs.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var record = await db.Patients.AsSplitQuery().Include(p => p.CareTeam).Include(p => p.RelatedPeople).Include(p => p.Enrollments).SingleOrDefaultAsync(p => p.Id == patient, ct);
            if (record is null)
            {
                return Result<Guid>.Failed("Patient", Rules.NotFound, "no such patient");
            }

            CareTeamMember member;
            Provider? provider = null;
            try
            {
                provider = command.Kind == CareTeamMemberKind.Provider ? await Provider(db, record, command, ct) : null;
                Guid? related = command.Kind == CareTeamMemberKind.RelatedPerson ? RelatedPerson(record, command) : null;
                member = record.JoinTeam(command.Kind, provider?.Id, related, command.Role, command.OtherRole, command.IsMainContact, command.JoinedOn, today);
                await db.SaveChangesAsync(ct);
            }
            catch (DomainRuleException e)
            {
                return Result<Guid>.Failed(e.Violations);
            }

            // The team is what completeness depends on outside the plan: two health-care professionals.
            if (await db.CarePlans.SingleOrDefaultAsync(p => p.PatientId == patient, ct) is { } plan && await PlanFacts.Read(db, patient, today, ct) is var (_, facts))
            {
                plan.Reconsider(facts, now);
                await db.SaveChangesAsync(ct);
            }

            var emails = provider is null ? [] : await Tell(db, record, provider, today, now, ct);
            await tx.CommitAsync(ct);
            await notifier.Send(emails, ct);
            var enrolled = record.OpenEnrollment?.Status is EnrollmentStatus.Enrolled or EnrollmentStatus.Active or EnrollmentStatus.SteppedDown;
            if (provider is not null && enrolled && member.IsActiveOn(today))
            {
                await sheets.Send(patient, [provider.Id], ct);
            }

            return member.Id;
        }

        /// <summary>A provider of the directory, or one added now (with their organization), its errors under "NewProvider.".</summary>
        private static async Task<Provider> Provider(HealthLinksDb db, Patient record, CareTeam.AddCommand command, CancellationToken ct)
        {
            if (command.ProviderId is { } id)
            {
                return await db.Providers.SingleOrDefaultAsync(p => p.Id == id, ct)
                    ?? throw new DomainRuleException("ProviderId", Rules.NotAProvider, "choose a provider from the directory");
            }

            if (command.NewProvider is not { } n)
            {
                throw new DomainRuleException("ProviderId", Rules.Required, "choose a provider from the directory, or add one");
            }

            var region = await db.HealthLinks.Where(h => h.Id == record.HealthLinkId).Select(h => h.RegionId).SingleAsync(ct);
            var organization = n.OrganizationId is { } o ? await db.Organizations.SingleOrDefaultAsync(x => x.Id == o && x.RegionId == region, ct) : null;
            var violations = new List<RuleViolation>();
            if (organization is null)
            {
                violations.Add(new("OrganizationId", Rules.Required, "choose the provider's organization"));
            }

            Provider? added = null;
            try
            {
                added = new Provider(organization?.Id ?? Guid.Empty, n.GivenName, n.FamilyName, n.Profession, n.Phone, n.Email);
            }
            catch (DomainRuleException e)
            {
                violations.AddRange(e.Violations);
            }

            if (violations.Count > 0)
            {
                throw new DomainRuleException([.. violations.Select(v => v with { Field = $"NewProvider.{v.Field}" })]);
            }

            db.Providers.Add(added!);
            return added!;
        }

        private static Guid RelatedPerson(Patient record, CareTeam.AddCommand command)
        {
            if (command.RelatedPersonId is { } id)
            {
                return id;
            }

            if (command.NewRelatedPerson is not { } n)
            {
                throw new DomainRuleException("RelatedPersonId", Rules.Required, "choose a person, or add one");
            }

            var roles = command.Role == TeamRole.SubstituteDecisionMaker ? RelatedPersonRoles.SubstituteDecisionMaker : RelatedPersonRoles.Caregiver;
            try
            {
                return record.AddRelatedPerson(n.GivenName, n.FamilyName, n.Relationship, roles, n.Phone, n.Email).Id;
            }
            catch (DomainRuleException e)
            {
                throw new DomainRuleException([.. e.Violations.Select(v => v with { Field = $"NewRelatedPerson.{v.Field}" })]);
            }
        }

        /// <summary>The new member hears that they joined, with no health information; unless the patient withheld their record from them.</summary>
        private async Task<List<Notifier.Email>> Tell(HealthLinksDb db, Patient record, Provider provider, DateOnly today, DateTime now, CancellationToken ct)
        {
            var addresses = await Notifier.ProviderEmails(db, record.Id, [provider.Id], today, ct);
            if (!addresses.TryGetValue(provider.Id, out var address))
            {
                return [];
            }

            var email = await Notifier.Add(db, address, "team-added", () => (l["Team_AddedTitle"], string.Format(CultureInfo.CurrentCulture, l["Team_AddedBody"], record.DisplayName)),
                $"/patients/{record.Id}/team", now, ct);
            await db.SaveChangesAsync(ct);
            return [email];
        }
    }
}
