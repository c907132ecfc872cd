using HealthLinks.Data;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Accounts;

public enum AccountStatus
{
    Active,

    /// <summary>Invited: no password chosen yet.</summary>
    Invited,
    Locked,
    Disabled,
}

/// <summary>The accounts a viewer manages: every account at the command line, their Health Link's for an administrator.</summary>
public static class AccountList
{
    public sealed record Row(string Id, string Email, string Name, IReadOnlyList<string> Roles, Guid? HealthLinkId, string? HealthLink, AccountStatus Status, DateTime? LastSignIn);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, TimeProvider clock)
    {
        public async Task<IReadOnlyList<Row>> Handle(Viewer viewer, CancellationToken ct = default)
        {
            if (viewer.Source != Domain.Privacy.AuditSource.Cli && !(viewer.IsIn(Roles.HealthLinkAdmin) && viewer.HealthLinkId is not null))
            {
                return [];
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var own = viewer.Source == Domain.Privacy.AuditSource.Cli ? null : viewer.HealthLinkId;
            var accounts = await db.Users.AsNoTracking().Where(u => own == null || u.HealthLinkId == own).OrderBy(u => u.Email)
                .Select(u => new
                {
                    u.Id,
                    u.Email,
                    u.DisplayName,
                    u.HealthLinkId,
                    HealthLink = db.HealthLinks.Where(h => h.Id == u.HealthLinkId).Select(h => h.Name).FirstOrDefault(),
                    u.DisabledAt,
                    u.LockoutEnd,
                    HasPassword = u.PasswordHash != null,
                    LastSignIn = db.UserSessions.Where(s => s.UserId == u.Id).Max(s => (DateTime?)s.StartedAt),
                }).ToListAsync(ct);
            var ids = accounts.Select(a => a.Id).ToList();
            var roles = (await db.UserRoles.Where(r => ids.Contains(r.UserId)).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct))
                .ToLookup(r => r.UserId, r => r.Name!);
            var now = clock.GetUtcNow();
            return [.. accounts.Select(a => new Row(a.Id, a.Email ?? "", a.DisplayName, [.. roles[a.Id].OrderBy(r => Roles.All.ToList().IndexOf(r))], a.HealthLinkId, a.HealthLink,
                a.DisabledAt is not null ? AccountStatus.Disabled : a.LockoutEnd > now ? AccountStatus.Locked : !a.HasPassword ? AccountStatus.Invited : AccountStatus.Active, a.LastSignIn))];
        }
    }
}
