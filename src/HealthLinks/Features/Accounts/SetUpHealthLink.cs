using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Infrastructure.Auth;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Accounts;

/// <summary>
/// A fresh installation's first step, from the command line: the region, the Health Link and its first administrator.
/// Run again with the same names it changes nothing and says so; if the administrator is refused, the region and Health
/// Link it made are taken back, so nothing is left half done.
/// </summary>
public static class SetUpHealthLink
{
    public sealed record Command(string Region, string HealthLink, string AdminEmail, string? AdminName, string? Password);

    public sealed record Outcome(bool RegionCreated, bool HealthLinkCreated, bool AdminCreated, string? PasswordLink);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, CreateAccount.Handler accounts)
    {
        public async Task<Result<Outcome>> Handle(Command command, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var normalized = command.AdminEmail.Trim().ToUpperInvariant();
            var existing = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => new { u.Id, u.HealthLinkId }).SingleOrDefaultAsync(ct);
            var region = await db.Regions.SingleOrDefaultAsync(r => r.Name == command.Region.Trim(), ct);
            var healthLink = await db.HealthLinks.SingleOrDefaultAsync(h => h.Name == command.HealthLink.Trim(), ct);
            if (healthLink is not null && region is not null && healthLink.RegionId != region.Id)
            {
                return Result<Outcome>.Failed("HealthLink", Rules.DuplicateName, $"a Health Link named '{healthLink.Name}' is already in another region");
            }

            if (existing is not null)
            {
                var isAdmin = await db.UserRoles.AnyAsync(r => r.UserId == existing.Id && db.Roles.Any(x => x.Id == r.RoleId && x.Name == Roles.HealthLinkAdmin), ct);
                return healthLink is not null && region is not null && existing.HealthLinkId == healthLink.Id && isAdmin
                    ? new Outcome(false, false, false, null)
                    : Result<Outcome>.Failed("AdminEmail", Rules.AccountExists, "an account with this email already exists for something else; choose another email or use 'healthlinks users'");
            }

            var (madeRegion, madeHealthLink) = (region is null, healthLink is null);
            try
            {
                region ??= db.Regions.Add(new Region(command.Region)).Entity;
                healthLink ??= db.HealthLinks.Add(new HealthLink(region.Id, command.HealthLink)).Entity;
            }
            catch (DomainRuleException e)
            {
                return Result<Outcome>.Failed(e.Violations);
            }

            await db.SaveChangesAsync(ct);
            var created = await accounts.Handle(AccountRights.CommandLine, new CreateAccount.Command
            {
                Email = command.AdminEmail,
                DisplayName = command.AdminName,
                Roles = [Roles.HealthLinkAdmin],
                HealthLinkId = healthLink.Id,
                Password = command.Password,
            }, ct);
            if (!created.Succeeded)
            {
                await Undo(db, madeRegion ? region : null, madeHealthLink ? healthLink : null, ct);
                return Result<Outcome>.Failed(created.Violations);
            }

            return new Outcome(madeRegion, madeHealthLink, true, created.Value!.PasswordLink);
        }

        private static async Task Undo(HealthLinksDb db, Region? region, HealthLink? healthLink, CancellationToken ct)
        {
            if (healthLink is not null)
            {
                db.HealthLinks.Remove(healthLink);
            }

            if (region is not null)
            {
                db.Regions.Remove(region);
            }

            await db.SaveChangesAsync(ct);
        }
    }
}
