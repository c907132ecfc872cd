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
/// Choosing a password through a one-time link (an invitation or a new-password link): the link works once and for 24
/// hours; the new password ends every open session of the account and lifts a lockout.
/// </summary>
public static class ChoosePassword
{
    public const string Path = "/account/password";

    public static string PathFor(string token) => $"{Path}?token={Uri.EscapeDataString(token)}";

    public sealed class Command
    {
        public string? Password { get; set; }

        public string? Confirm { get; set; }
    }

    public sealed class Handler(IServiceScopeFactory scopes, AuditTrail audit, TimeProvider clock)
    {
        /// <summary>The account's email when the link can still be used; null when it cannot (unknown, used or expired).</summary>
        public async Task<string?> Account(string? token, CancellationToken ct = default)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HealthLinksDb>();
            var link = await Find(db, token, ct);
            return link is null ? null : await db.Users.Where(u => u.Id == link.UserId).Select(u => u.Email).SingleAsync(ct);
        }

        /// <summary>Sets the password and returns the account's email for signing in.</summary>
        public async Task<Result<string>> Handle(string? token, Command command, CancellationToken ct = default)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HealthLinksDb>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            var now = clock.GetUtcNow().UtcDateTime;
            if (await Find(db, token, ct) is not { } link || await users.FindByIdAsync(link.UserId) is not { } user)
            {
                return Result<string>.Failed("Link", Rules.LinkNotUsable, "this link has expired or was already used: ask your administrator for a new one");
            }

            var v = new Violations();
            var password = command.Password ?? "";
            if (password.Length == 0)
            {
                v.Add(nameof(Command.Password), Rules.Required, "is required");
            }
            else
            {
                await CreateAccount.CheckPassword(users, user, password, v);
                if (password != command.Confirm)
                {
                    v.Add(nameof(Command.Confirm), Rules.PasswordsDiffer, "the two passwords are not the same");
                }
            }

            if (v.Any)
            {
                return Result<string>.Failed(v.Items);
            }

            user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
            user.EmailConfirmed = true;
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            link.Use(now);
            await Sessions.EndAll(db, user.Id, SessionEnd.PasswordChanged, now, ct);
            // One save: the password, the used link and the ended sessions together (the stamp update saves the account).
            CreateAccount.Check(await users.UpdateSecurityStampAsync(user));
            await audit.Append(await Viewer.ForEmail(db, user.Email!, AuditSource.Web, ct) ?? Viewer.Anonymous, null, "Password chosen through a one-time link", AuditAction.Change, AuditOutcome.Allowed, AccessBasis.Self, ct);
            return user.Email!;
        }

        private async Task<PasswordLink?> Find(HealthLinksDb db, string? token, CancellationToken ct)
        {
            if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
            {
                return null;
            }

            var hash = PasswordLink.Hash(token);
            var link = await db.PasswordLinks.SingleOrDefaultAsync(l => l.TokenHash == hash, ct);
            return link is not null && link.IsUsable(clock.GetUtcNow().UtcDateTime) ? link : null;
        }
    }
}
