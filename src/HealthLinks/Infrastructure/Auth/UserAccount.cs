using HealthLinks.Domain;

using Microsoft.AspNetCore.Identity;

namespace HealthLinks.Infrastructure.Auth;

/// <summary>A person who signs in. Providers and patients are linked to their record so access can follow the care team.</summary>
public sealed class UserAccount : IdentityUser
{
    public string DisplayName { get; set; } = "";

    public ProviderId? ProviderId { get; set; }

    public PatientId? PatientId { get; set; }

    /// <summary>For coordinators and administrators: the Health Link whose patients they register, invite and screen.</summary>
    public Guid? HealthLinkId { get; set; }

    /// <summary>"en" or "fr": the language the product speaks to this person.</summary>
    public string Language { get; set; } = "en";

    /// <summary>When an administrator disabled the account: it cannot sign in, and its sessions ended then.</summary>
    public DateTime? DisabledAt { get; set; }
}

public static class Roles
{
    public const string CareCoordinator = nameof(CareCoordinator);
    public const string Provider = nameof(Provider);
    public const string HealthLinkAdmin = nameof(HealthLinkAdmin);
    public const string RegionAnalyst = nameof(RegionAnalyst);
    public const string PrivacyOfficer = nameof(PrivacyOfficer);
    public const string Patient = nameof(Patient);

    /// <summary>Family or friends who read a patient's plan while the patient's agreement lasts.</summary>
    public const string Caregiver = nameof(Caregiver);

    public static IReadOnlyList<string> All { get; } = [CareCoordinator, Provider, HealthLinkAdmin, RegionAnalyst, PrivacyOfficer, Patient, Caregiver];

    /// <summary>Roles that work with identifiable patient records.</summary>
    public const string ClinicalStaff = CareCoordinator + "," + Provider + "," + HealthLinkAdmin;
}
