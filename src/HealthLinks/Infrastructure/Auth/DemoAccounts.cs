using HealthLinks.Data;
using HealthLinks.Features.Demo;

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Infrastructure.Auth;

/// <summary>One account per role, for Development only; listed on the login page and in the README.</summary>
public static class DemoAccounts
{
    public const string Password = "HealthLinks-Demo-2026";

    public sealed record Account(string Email, string Role, string Name);

    public static IReadOnlyList<Account> All { get; } =
    [
        new(DemoDirectory.CoordinatorEmail, Roles.CareCoordinator, "Demo care coordinator"),
        new(DemoDirectory.PhysicianEmail, Roles.Provider, "Demo family physician"),
        new("admin@demo.healthlinks.ca", Roles.HealthLinkAdmin, "Demo Health Link administrator"),
        new("analyst@demo.healthlinks.ca", Roles.RegionAnalyst, "Demo regional analyst"),
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
            if (await users.FindByEmailAsync(account.Email) is not null)
            {
                continue;
            }

            var provider = await db.Providers.FirstOrDefaultAsync(p => p.Email == account.Email);
            var patient = account.Role == Roles.Patient ? await db.Patients.FirstOrDefaultAsync(p => p.Email == account.Email) : null;
            var user = new UserAccount
            {
                UserName = account.Email,
                Email = account.Email,
                EmailConfirmed = true,
                DisplayName = provider?.DisplayName ?? patient?.DisplayName ?? account.Name,
                ProviderId = provider?.Id,
                PatientId = patient?.Id,
            };
            Check(await users.CreateAsync(user, Password));
            Check(await users.AddToRoleAsync(user, account.Role));
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Could not create the demo accounts: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
