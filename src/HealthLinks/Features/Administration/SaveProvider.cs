using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Administration;

public static class SaveProvider
{
    public sealed class Command
    {
        public ProviderId? Id { get; set; }

        public Guid OrganizationId { get; set; }

        public string? GivenName { get; set; }

        public string? FamilyName { get; set; }

        public Profession Profession { get; set; } = Profession.Other;

        public string? Phone { get; set; }

        public string? Email { get; set; }
    }

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs)
    {
        public async Task<Result<ProviderId>> Handle(Viewer viewer, Command command, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var scope = await DirectoryScope.Region(db, viewer, ct);
            if (command.OrganizationId != Guid.Empty)
            {
                var region = await db.Organizations.Where(o => o.Id == command.OrganizationId).Select(o => (Guid?)o.RegionId).SingleOrDefaultAsync(ct);
                if (region is null)
                {
                    return Result<ProviderId>.Failed(nameof(Command.OrganizationId), Rules.NotFound, "no such organization");
                }

                if (!DirectoryScope.Covers(scope, region.Value))
                {
                    return Result<ProviderId>.Failed([DirectoryScope.Refusal(nameof(Command.OrganizationId))]);
                }
            }

            try
            {
                Provider provider;
                if (command.Id is { } id)
                {
                    provider = await db.Providers.SingleOrDefaultAsync(p => p.Id == id, ct)
                        ?? throw new DomainRuleException("Id", Rules.NotFound, "no such provider");
                    var current = await db.Organizations.Where(o => o.Id == provider.OrganizationId).Select(o => o.RegionId).SingleAsync(ct);
                    if (!DirectoryScope.Covers(scope, current))
                    {
                        return Result<ProviderId>.Failed([DirectoryScope.Refusal("Id")]);
                    }

                    provider.Update(command.OrganizationId, command.GivenName ?? "", command.FamilyName ?? "", command.Profession, command.Phone, command.Email);
                }
                else
                {
                    provider = new Provider(command.OrganizationId, command.GivenName ?? "", command.FamilyName ?? "", command.Profession, command.Phone, command.Email);
                    db.Providers.Add(provider);
                }

                await db.SaveChangesAsync(ct);
                return provider.Id;
            }
            catch (DomainRuleException e)
            {
                return Result<ProviderId>.Failed(e.Violations);
            }
        }
    }
}
