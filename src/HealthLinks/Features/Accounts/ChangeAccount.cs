using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Features.Accounts;

/// <summary>
/// An administrator's changes to an existing account: disable (its sessions end at once), enable, unlock, change its
/// roles, send a new password link. Each is audited with who, when and what.
/// </summary>
public static class ChangeAccount
{
    public enum Change
    {
        Disable,
        Enable,
        Unlock,
        NewPasswordLink,
    }

    public sealed class Handler(IServiceScopeFactory scopes, AuditTrail audit, PasswordLinkEmail email, TimeProvider clock)
    {
        /// <summary>Applies the change; for a new password link, returns its path (it is also emailed to the account).</summary>
        public async Task<Result<string?>> Handle(Viewer viewer, string userId, Change change, CancellationToken ct = default) =>
            await Apply(viewer, userId, change.ToString(), async (users, db, user, now) =>
            {
                switch (change)
                {
                    case Change.Disable when user.Id == viewer.UserId:
                        throw new DomainRuleException("Account", Rules.NotAllowed, "you cannot disable your own account");
                    case Change.Disable:
                        user.DisabledAt = now;
                        await Sessions.EndAll(db, user.Id, SessionEnd.Disabled, now, ct);
                        break;
                    case Change.Enable:
                        user.DisabledAt = null;
                        break;
                    case Change.Unlock:
                        user.LockoutEnd = null;
                        user.AccessFailedCount = 0;
                        break;
                    case Change.NewPasswordLink:
                        // A new link replaces any earlier one still waiting.
                        foreach (var old in await db.PasswordLinks.Where(l => l.UserId == user.Id && l.UsedAt == null).ToListAsync(ct))
                        {
                            old.Use(now);
                        }

                        var (link, token) = PasswordLink.Issue(user.Id, now);
                        db.PasswordLinks.Add(link);
                        return ChoosePassword.PathFor(token);
                }

                return null;
            }, ct);

        /// <summary>Replaces the account's roles; its open sessions end, so the person signs in again with the new ones.</summary>
        public async Task<Result<string?>> SetRoles(Viewer viewer, string userId, IReadOnlyList<string> roles, CancellationToken ct = default) =>
            await Apply(viewer, userId, $"Roles set to {string.Join(", ", roles)}", async (users, db, user, now) =>
            {
                var unknown = roles.Where(r => !Roles.All.Contains(r)).ToList();
                if (roles.Count == 0 || unknown.Count > 0)
                {
                    throw new DomainRuleException("Roles", roles.Count == 0 ? Rules.Required : Rules.UnknownRole, $"choose roles among {string.Join(", ", Roles.All)}");
                }

                if (user.HealthLinkId is null && roles.Any(CreateAccount.NeedsHealthLink))
                {
                    throw new DomainRuleException("HealthLinkId", Rules.Required, "care coordinators and administrators work in a Health Link: this account has none");
                }

                var current = await users.GetRolesAsync(user);
                CreateAccount.Check(await users.RemoveFromRolesAsync(user, current.Except(roles)));
                CreateAccount.Check(await users.AddToRolesAsync(user, roles.Except(current).Distinct()));
                await Sessions.EndAll(db, user.Id, SessionEnd.RolesChanged, now, ct);
                return null;
            }, ct);

        private async Task<Result<string?>> Apply(Viewer viewer, string userId, string what, Func<UserManager<UserAccount>, HealthLinksDb, UserAccount, DateTime, Task<string?>> change, CancellationToken ct)
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            var db = scope.ServiceProvider.GetRequiredService<HealthLinksDb>();
            if (await users.FindByIdAsync(userId) is not { } user)
            {
                return Result<string?>.Failed("Account", Rules.NotFound, "no such account");
            }

            if (!AccountRights.MayManage(viewer, user.HealthLinkId))
            {
                await audit.Append(viewer, null, $"Account {user.Email}: {what}", AuditAction.Change, AuditOutcome.Refused, AccessBasis.None, ct);
                return Result<string?>.Failed([AccountRights.Refusal]);
            }

            string? path;
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                try
                {
                    path = await change(users, db, user, clock.GetUtcNow().UtcDateTime);
                }
                catch (DomainRuleException e)
                {
                    return Result<string?>.Failed(e.Violations);
                }

                CreateAccount.Check(await users.UpdateSecurityStampAsync(user)); // saves the account and what the change added
                await tx.CommitAsync(ct);
            }

            await audit.Append(viewer, null, $"Account {user.Email}: {what}", AuditAction.Change, AuditOutcome.Allowed, AccessBasis.HealthLinkRole, ct);
            if (path is not null)
            {
                await email.Send(user.Email!, path, ct);
            }

            return path;
        }
    }
}
