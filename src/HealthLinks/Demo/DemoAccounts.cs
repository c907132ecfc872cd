using HealthLinks.Data;
using HealthLinks.Infrastructure.Auth;

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Demo;

/// <summary>One account per role, for Development only; listed on the login page and in the README.</summary>
public static class DemoAccounts
{
    public const string Password = "HealthLinks-Demo-2026";

    public const string AnalystEmail = "analyst@demo.healthlinks.ca";

    public sealed record Account(string Email, string Role, string Name);

    public static IReadOnlyList<Account> All { get; } =
    [
        new(DemoDirectory.CoordinatorEmail, Roles.CareCoordinator, "Demo care coordinator"),
        new(DemoDirectory.PhysicianEmail, Roles.Provider, "Demo family physician"),
        new("admin@demo.healthlinks.ca", Roles.HealthLinkAdmin, "Demo Health Link administrator"),
        new(AnalystEmail, Roles.RegionAnalyst, "Demo regional analyst"),
        new("privacy@demo.healthlinks.ca", Roles.PrivacyOfficer, "Demo privacy officer"),
        new(DemoPatients.PatientEmail, Roles.Patient, "Demo patient"),
        new(DemoPatients.CaregiverEmail, Roles.Caregiver, "Demo caregiver"),
    ];

    public static async Task EnsureAsync(UserManager<UserAccount> users, RoleManager<IdentityRole> roles, HealthLinksDb db)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }

        foreach (var account in All)
        {
            var provider = await db.Providers.FirstOrDefaultAsync(p => p.Email == account.Email);
            var healthLink = account.Role is Roles.CareCoordinator or Roles.HealthLinkAdmin or Roles.RegionAnalyst ? await HomeHealthLink(db, provider?.Id) : null;
            if (await users.FindByEmailAsync(account.Email) is { } existing)
            {
                if (existing.HealthLinkId is null && healthLink is not null)
                {
                    existing.HealthLinkId = healthLink;
                    Check(await users.UpdateAsync(existing));
                }

                continue;
            }

            var patient = account.Role == Roles.Patient ? await db.Patients.FirstOrDefaultAsync(p => p.Email == account.Email) : null;
            var user = new UserAccount
            {
                UserName = account.Email,
                Email = account.Email,
                EmailConfirmed = true,
                DisplayName = provider?.DisplayName ?? patient?.DisplayName ?? account.Name,
                ProviderId = provider?.Id,
                PatientId = patient?.Id,
                HealthLinkId = healthLink,
            };
            Check(await users.CreateAsync(user, Password));
            Check(await users.AddToRoleAsync(user, account.Role));
        }
    }

    /// <summary>The Health Link most of the provider's patients belong to, or the first by name.</summary>
    private static async Task<Guid?> HomeHealthLink(HealthLinksDb db, Domain.ProviderId? provider)
    {
        var mostCommon = provider is null ? null : await db.CareTeamMembers.Where(m => m.ProviderId == provider)
            .Join(db.Patients, m => m.PatientId, p => p.Id, (_, p) => p.HealthLinkId)
            .GroupBy(h => h).OrderByDescending(g => g.Count()).Select(g => (Guid?)g.Key).FirstOrDefaultAsync();
        return mostCommon ?? await db.HealthLinks.OrderBy(h => h.Name).Select(h => (Guid?)h.Id).FirstOrDefaultAsync();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Could not create the demo accounts: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
