using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Administration;

public static class SaveHealthLink
{
    public sealed class Command
    {
        public Guid? Id { get; set; }

        public Guid RegionId { get; set; }

        public string? Name { get; set; }
    }

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs)
    {
        public async Task<Result<Guid>> Handle(Viewer viewer, Command command, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var scope = await DirectoryScope.Region(db, viewer, ct);
            HealthLink healthLink;
            try
            {
                if (command.Id is { } id)
                {
                    healthLink = await db.HealthLinks.SingleOrDefaultAsync(h => h.Id == id, ct)
                        ?? throw new DomainRuleException("Id", Rules.NotFound, "no such Health Link");
                    if (!DirectoryScope.Covers(scope, healthLink.RegionId))
                    {
                        return Result<Guid>.Failed([DirectoryScope.Refusal("Id")]);
                    }

                    healthLink.Rename(command.Name ?? "");
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

                    healthLink = new HealthLink(command.RegionId, command.Name ?? "");
                    db.HealthLinks.Add(healthLink);
                }
            }
            catch (DomainRuleException e)
            {
                return Result<Guid>.Failed(e.Violations);
            }

            if (await db.HealthLinks.AnyAsync(h => h.Name == healthLink.Name && h.Id != healthLink.Id, ct))
            {
                return Result<Guid>.Failed(nameof(Command.Name), Rules.DuplicateName, "another Health Link has this name");
            }

            await db.SaveChangesAsync(ct);
            return healthLink.Id;
        }
    }
}
