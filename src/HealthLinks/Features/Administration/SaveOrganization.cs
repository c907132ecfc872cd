using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Administration;

public static class SaveOrganization
{
    public sealed class Command
    {
        public Guid? Id { get; set; }

        public Guid RegionId { get; set; }

        public string? Name { get; set; }

        public OrganizationKind Kind { get; set; } = OrganizationKind.Other;

        public string? Phone { get; set; }

        public string? Email { get; set; }
    }

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs)
    {
        public async Task<Result<Guid>> Handle(Viewer viewer, Command command, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var scope = await DirectoryScope.Region(db, viewer, ct);
            try
            {
                Organization organization;
                if (command.Id is { } id)
                {
                    organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == id, ct)
                        ?? throw new DomainRuleException("Id", Rules.NotFound, "no such organization");
                    if (!DirectoryScope.Covers(scope, organization.RegionId))
                    {
                        return Result<Guid>.Failed([DirectoryScope.Refusal("Id")]);
                    }

                    organization.Update(command.Name ?? "", command.Kind, command.Phone, command.Email);
                }
                else
                {
                    if (!await db.Regions.AnyAsync(r => r.Id == command.RegionId, ct))
                    {
                        return Result<Guid>.Failed(nameof(Command.RegionId), Rules.Required, "choose a region");
                    }

                    if (!DirectoryScope.Covers(scope, command.RegionId))
                    {
                        return Result<Guid>.Failed([DirectoryScope.Refusal(nameof(Command.RegionId))]);
                    }

                    organization = new Organization(command.RegionId, command.Name ?? "", command.Kind, command.Phone, command.Email);
                    db.Organizations.Add(organization);
                }

                await db.SaveChangesAsync(ct);
                return organization.Id;
            }
            catch (DomainRuleException e)
            {
                return Result<Guid>.Failed(e.Violations);
            }
        }
    }
}
