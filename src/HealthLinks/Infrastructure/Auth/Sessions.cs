using System.Security.Claims;

using HealthLinks.Data;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Infrastructure.Auth;

/// <summary>
/// The server's side of every sign-in. A request, an open page and the access gate all ask whether it is valid: the
/// session still open (not signed out, not older than 12 hours), the account enabled and not locked, and its roles
/// those it signed in with. Any other answer signs the person out.
/// </summary>
public sealed class Sessions(IDbContextFactory<HealthLinksDb> dbs, TimeProvider clock)
{
    public async Task<Guid> Start(string userId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var session = new UserSession(userId, clock.GetUtcNow().UtcDateTime);
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session.Id;
    }

    public async Task End(Guid id, SessionEnd why, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.UserSessions.SingleOrDefaultAsync(s => s.Id == id, ct) is { } session)
        {
            session.End(why, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Ends every open session of the account, in the caller's unit of work (a disabled account, a new password).</summary>
    public static async Task EndAll(HealthLinksDb db, string userId, SessionEnd why, DateTime now, CancellationToken ct = default)
    {
        foreach (var session in await db.UserSessions.Where(s => s.UserId == userId && s.EndedAt == null).ToListAsync(ct))
        {
            session.End(why, now);
        }
    }

    public async Task<bool> IsValid(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var viewer = Viewer.From(user);
        return viewer.SessionId is { } id && await IsValid(id, viewer.UserId, viewer.Roles, ct);
    }

    public async Task<bool> IsValid(Guid sessionId, string userId, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var from = now - UserSession.MaxLifetime;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var account = await db.UserSessions.AsNoTracking().Where(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null && s.StartedAt > from)
            .Join(db.Users, s => s.UserId, u => u.Id, (_, u) => new { u.DisabledAt, u.LockoutEnd }).SingleOrDefaultAsync(ct);
        if (account is null || account.DisabledAt is not null || account.LockoutEnd > clock.GetUtcNow())
        {
            return false;
        }

        var current = await db.UserRoles.Where(r => r.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(ct);
        return current.Count == roles.Count && current.All(roles.Contains);
    }
}
