using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Privacy;
using HealthLinks.Resources;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace HealthLinks.Features.Privacy;

/// <summary>Emergency access: needs a reason, lasts a few hours, is audited, and every privacy officer is told in their inbox.</summary>
public static class BreakGlass
{
    public sealed record Command(PatientId PatientId, string Reason, int Hours = 4);

    public sealed record Row(Guid Id, PatientId PatientId, string Patient, string UserName, string Reason, DateTime StartedAt, DateTime ExpiresAt, DateTime? ReviewedAt, string? ReviewedBy, string? ReviewNote);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, AuditTrail audit, TimeProvider clock, IStringLocalizer<Strings> l)
    {
        public async Task<Result<DateTime>> Handle(Viewer viewer, Command command, CancellationToken ct = default)
        {
            if (!PatientAccess.MayBreakGlass(viewer))
            {
                await audit.Append(viewer, command.PatientId, "Break the glass", AuditAction.BreakGlass, AuditOutcome.Refused, AccessBasis.None, ct);
                return Result<DateTime>.Failed(nameof(Command.Reason), Rules.NotAllowed, "only clinicians can break the glass");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (!await db.Patients.AnyAsync(p => p.Id == command.PatientId, ct))
            {
                return Result<DateTime>.Failed(nameof(Command.PatientId), Rules.NotFound, "no patient has this identifier");
            }

            BreakGlassAccess access;
            try
            {
                access = new BreakGlassAccess(command.PatientId, viewer.UserId, viewer.UserName, command.Reason ?? "", now, TimeSpan.FromHours(command.Hours));
            }
            catch (DomainRuleException e)
            {
                await audit.Append(viewer, command.PatientId, "Break the glass", AuditAction.BreakGlass, AuditOutcome.Refused, AccessBasis.None, ct);
                return Result<DateTime>.Failed(e.Violations);
            }

            db.BreakGlassAccesses.Add(access);
            var officers = await db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.PrivacyOfficer)))
                .Select(u => u.Email!).ToListAsync(ct);

            // The inbox stays inside the product; it names the user, not the patient, who is one click away for the officer.
            foreach (var officer in officers)
            {
                await Notifications.Notifier.Add(db, officer, "break-glass", () => (l["BreakGlass_NotificationTitle"],
                    string.Format(System.Globalization.CultureInfo.CurrentCulture, l["BreakGlass_NotificationBody"], viewer.UserName, Infrastructure.Localization.Languages.DateTime(now))),
                    "/privacy/break-glass", now, ct);
            }

            await db.SaveChangesAsync(ct);
            await audit.Append(viewer, command.PatientId, "Break the glass", AuditAction.BreakGlass, AuditOutcome.Allowed, AccessBasis.BreakGlass, ct);
            return access.ExpiresAt;
        }

        public async Task<IReadOnlyList<Row>> List(DateTime? since = null, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var from = since ?? DateTime.MinValue;
            return await db.BreakGlassAccesses.AsNoTracking().Where(g => g.StartedAt >= from).OrderByDescending(g => g.StartedAt).Take(500)
                .Join(db.Patients, g => g.PatientId, p => p.Id, (g, p) => new Row(g.Id, g.PatientId, p.GivenName + " " + p.FamilyName, g.UserName, g.Reason, g.StartedAt, g.ExpiresAt, g.ReviewedAt, g.ReviewedBy, g.ReviewNote))
                .ToListAsync(ct);
        }

        public async Task<Result<bool>> Review(Viewer officer, Guid id, string note, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var access = await db.BreakGlassAccesses.SingleOrDefaultAsync(g => g.Id == id, ct);
            if (access is null)
            {
                return Result<bool>.Failed("Id", Rules.NotFound, "no such break-glass access");
            }

            try
            {
                access.Review(note ?? "", officer.UserName, clock.GetUtcNow().UtcDateTime);
            }
            catch (DomainRuleException e)
            {
                return Result<bool>.Failed(e.Violations);
            }

            await db.SaveChangesAsync(ct);
            return true;
        }
    }
}
