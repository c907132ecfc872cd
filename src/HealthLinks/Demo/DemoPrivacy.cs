using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Demo;

/// <summary>
/// Something real for the privacy pages: a consent directive (and an ended one, for the history) on a patient of the demo
/// coordinator, and a past break-glass by the demo physician, with the audit events it left.
/// </summary>
public static class DemoPrivacy
{
    public static async Task SeedAsync(IDbContextFactory<HealthLinksDb> dbs, AuditTrail audit, TimeProvider clock, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.ConsentDirectives.AnyAsync(ct) || await db.BreakGlassAccesses.AnyAsync(ct))
        {
            return;
        }

        var coordinator = await db.Providers.SingleOrDefaultAsync(p => p.Email == DemoDirectory.CoordinatorEmail, ct);
        var physician = await db.Users.SingleOrDefaultAsync(u => u.Email == DemoDirectory.PhysicianEmail, ct);
        if (coordinator is null || physician?.ProviderId is not { } physicianProvider)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var led = db.CareTeamMembers.Where(m => m.ProviderId == coordinator.Id && m.IsLead && m.LeftOn == null).Select(m => m.PatientId);
        var withDirective = await db.Patients.Where(p => led.Contains(p.Id) && p.Email != DemoPatients.PatientEmail).OrderBy(p => p.FamilyName).Select(p => p.Id).FirstOrDefaultAsync(ct);
        var physicianTeams = db.CareTeamMembers.Where(m => m.ProviderId == physicianProvider).Select(m => m.PatientId);
        var glassPatient = await db.Patients.Where(p => !physicianTeams.Contains(p.Id) && led.Contains(p.Id) && p.Id != withDirective).OrderBy(p => p.GivenName).Select(p => p.Id).FirstOrDefaultAsync(ct);
        if (withDirective == default || glassPatient == default)
        {
            return;
        }

        var ended = new ConsentDirective(withDirective, WithheldParts.Medications, DirectiveAudience.EveryoneOutsideTeam, null, null,
            AgreementGivenBy.Patient, "The patient", DemoDirectory.CoordinatorEmail, now.AddDays(-60));
        ended.End("The patient agreed that the pharmacy may see their medications again.", DemoDirectory.CoordinatorEmail, now.AddDays(-20));
        db.ConsentDirectives.AddRange(ended, new ConsentDirective(withDirective, WithheldParts.MentalHealthAndAddictions | WithheldParts.SituationAndLifestyle,
            DirectiveAudience.EveryoneOutsideTeam, null, null, AgreementGivenBy.Patient, "The patient", DemoDirectory.CoordinatorEmail, now.AddDays(-10)));
        db.BreakGlassAccesses.Add(new BreakGlassAccess(glassPatient, physician.Id, physician.Email!,
            "Brought to the emergency department unconscious; I needed the medication list and allergies to treat safely.", now.AddDays(-3), BreakGlassAccess.DefaultDuration));
        await db.SaveChangesAsync(ct);

        var viewer = new Viewer(physician.Id, physician.Email!, [Infrastructure.Auth.Roles.Provider], physicianProvider, null, null, AuditSource.Web);
        await audit.Append(viewer, glassPatient, "Overview", AuditAction.View, AuditOutcome.Refused, AccessBasis.None, ct);
        await audit.Append(viewer, glassPatient, "Break the glass", AuditAction.BreakGlass, AuditOutcome.Allowed, AccessBasis.BreakGlass, ct);
        await audit.Append(viewer, glassPatient, "Overview", AuditAction.View, AuditOutcome.Allowed, AccessBasis.BreakGlass, ct);
        await audit.Append(viewer, glassPatient, "Plan PDF", AuditAction.Download, AuditOutcome.Allowed, AccessBasis.BreakGlass, ct);
    }
}
