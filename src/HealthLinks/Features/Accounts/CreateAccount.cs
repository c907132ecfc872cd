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
/// A new account: its email, roles, Health Link and the record it is linked to, with either a password (from a file, for
/// scripted installs) or a one-time link to choose one, emailed as the invitation. Everything is checked first; a
/// refused account stores nothing.
/// </summary>
public static class CreateAccount
{
    public sealed class Command
    {
        public string? Email { get; set; }

        public string? DisplayName { get; set; }

        public List<string> Roles { get; set; } = [];

        public Guid? HealthLinkId { get; set; }

        public ProviderId? ProviderId { get; set; }

        public PatientId? PatientId { get; set; }

        /// <summary>Null: the account gets a one-time link to choose its password.</summary>
        public string? Password { get; set; }
    }

    /// <summary>The new account, and the path of its one-time password link when no password was given.</summary>
    public sealed record Created(string UserId, string? PasswordLink);

    /// <summary>Roles that work within one Health Link (an analyst within its region): they need one.</summary>
    public static bool NeedsHealthLink(string role) => role is Roles.CareCoordinator or Roles.HealthLinkAdmin or Roles.RegionAnalyst;

    public sealed class Handler(IServiceScopeFactory scopes, AuditTrail audit, PasswordLinkEmail email, TimeProvider clock)
    {
        public async Task<Result<Created>> Handle(Viewer viewer, Command command, CancellationToken ct = default)
        {
            if (!AccountRights.MayManage(viewer, command.HealthLinkId))
            {
                return Result<Created>.Failed([AccountRights.Refusal]);
            }

            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            var db = scope.ServiceProvider.GetRequiredService<HealthLinksDb>();
            var v = new Violations();
            var address = v.Email(nameof(Command.Email), command.Email);
            if (address is null && command.Email is null or "")
            {
                v.Add(nameof(Command.Email), Rules.Required, "is required");
            }

            var name = v.Text(nameof(Command.DisplayName), command.DisplayName, 200, required: false);
            if (address is not null && await users.FindByEmailAsync(address) is not null)
            {
                v.Add(nameof(Command.Email), Rules.AccountExists, "an account with this email already exists");
            }

            await CheckRoles(db, v, command, OntarioTime.DayOf(clock.GetUtcNow().UtcDateTime), ct);
            var user = new UserAccount { UserName = address, Email = address, EmailConfirmed = command.Password is not null, DisplayName = name ?? address ?? "", HealthLinkId = command.HealthLinkId, ProviderId = command.ProviderId, PatientId = command.PatientId };
            if (command.Password is { } password)
            {
                await CheckPassword(users, user, password, v);
            }

            if (v.Any)
            {
                return Result<Created>.Failed(v.Items);
            }

            user.DisplayName = name ?? await NameOnRecord(db, command, ct) ?? address!;
            string? token = null;
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                Check(command.Password is { } p ? await users.CreateAsync(user, p) : await users.CreateAsync(user));
                Check(await users.AddToRolesAsync(user, command.Roles.Distinct()));
                if (command.Password is null)
                {
                    (var link, token) = PasswordLink.Issue(user.Id, clock.GetUtcNow().UtcDateTime);
                    db.PasswordLinks.Add(link);
                    await db.SaveChangesAsync(ct);
                }

                await tx.CommitAsync(ct);
            }

            await audit.Append(viewer, null, $"Account created: {address} ({string.Join(", ", command.Roles)})", AuditAction.Change, AuditOutcome.Allowed, AccessBasis.HealthLinkRole, ct);
            var path = token is null ? null : ChoosePassword.PathFor(token);
            if (path is not null)
            {
                await email.Send(address!, path, ct); // the invitation
            }

            return new Created(user.Id, path);
        }

        private static async Task CheckRoles(HealthLinksDb db, Violations v, Command command, DateOnly today, CancellationToken ct)
        {
            if (command.Roles.Count == 0)
            {
                v.Add(nameof(Command.Roles), Rules.Required, $"choose at least one role: {string.Join(", ", Infrastructure.Auth.Roles.All)}");
            }

            foreach (var role in command.Roles.Where(r => !Infrastructure.Auth.Roles.All.Contains(r)))
            {
                v.Add(nameof(Command.Roles), Rules.UnknownRole, $"'{role}' is not a role; the roles are {string.Join(", ", Infrastructure.Auth.Roles.All)}");
            }

            if (command.HealthLinkId is { } healthLink)
            {
                if (!await db.HealthLinks.AnyAsync(h => h.Id == healthLink, ct))
                {
                    v.Add(nameof(Command.HealthLinkId), Rules.NotFound, "no such Health Link");
                }
            }
            else if (command.Roles.Any(NeedsHealthLink))
            {
                v.Add(nameof(Command.HealthLinkId), Rules.Required, "care coordinators, administrators and analysts work in a Health Link (an analyst's names their region): name it");
            }

            if (command.ProviderId is { } provider && !await db.Providers.AnyAsync(p => p.Id == provider, ct))
            {
                v.Add(nameof(Command.ProviderId), Rules.NotFound, "no such provider in the directory");
            }

            if (command.PatientId is { } patient && !await db.Patients.AnyAsync(p => p.Id == patient, ct))
            {
                v.Add(nameof(Command.PatientId), Rules.NotFound, "no such patient");
            }

            if (command.Roles.Contains(Infrastructure.Auth.Roles.Patient) && command.PatientId is null)
            {
                v.Add(nameof(Command.PatientId), Rules.Required, "a patient's account is linked to their record");
            }

            var reader = command.Roles.Where(IsReaderRole).ToList();
            if (reader.Count > 0 && command.Roles.Distinct().Count() > 1)
            {
                v.Add(nameof(Command.Roles), Rules.NotAllowed, "a patient's or caregiver's account has that one role only");
            }

            if (command.Roles.Contains(Infrastructure.Auth.Roles.Patient) && command.PatientId is { } own && command.HealthLinkId is { } link
                && !await db.Patients.AnyAsync(p => p.Id == own && p.HealthLinkId == link, ct))
            {
                v.Add(nameof(Command.PatientId), Rules.NotAllowed, "this patient is not in the account's Health Link");
            }

            if (command.Roles.Contains(Infrastructure.Auth.Roles.Caregiver) && command.Email is { } email)
            {
                // A caregiver signs in with the email the patient gave access to; without that access the account would open nothing.
                var address = CaregiverAccess.Normalize(email);
                if (!await db.CaregiverAccesses.AnyAsync(a => a.Email == address && a.RevokedAt == null && a.ExpiresOn > today
                        && db.Patients.Any(p => p.Id == a.PatientId && (command.HealthLinkId == null || p.HealthLinkId == command.HealthLinkId)), ct))
                {
                    v.Add(nameof(Command.Email), Rules.NotACaregiver, "no patient of this Health Link has given this email access to their plan: give access on the patient's record first");
                }
            }
        }

        /// <summary>Patients and caregivers read a plan; the other roles are staff.</summary>
        public static bool IsReaderRole(string role) => role is Infrastructure.Auth.Roles.Patient or Infrastructure.Auth.Roles.Caregiver;

        private static Task<string?> NameOnRecord(HealthLinksDb db, Command command, CancellationToken ct) =>
            command.ProviderId is { } provider ? db.Providers.Where(p => p.Id == provider).Select(p => p.GivenName + " " + p.FamilyName).FirstOrDefaultAsync(ct)
            : command.PatientId is { } patient ? db.Patients.Where(p => p.Id == patient).Select(p => p.GivenName + " " + p.FamilyName).FirstOrDefaultAsync(ct)
            : Task.FromResult<string?>(null);
    }

    /// <summary>The password policy's objections, each at the Password field.</summary>
    internal static async Task CheckPassword(UserManager<UserAccount> users, UserAccount user, string password, Violations v)
    {
        foreach (var validator in users.PasswordValidators)
        {
            foreach (var error in (await validator.ValidateAsync(users, user, password)).Errors)
            {
                v.Add("Password", Rules.WeakPassword, error.Description);
            }
        }
    }

    internal static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
