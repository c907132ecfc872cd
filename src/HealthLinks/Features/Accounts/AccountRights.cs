using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Infrastructure.Auth;
using HealthLinks.Infrastructure.Privacy;

namespace HealthLinks.Features.Accounts;

/// <summary>
/// Who manages which accounts: the command line (the installer, on the server) every account; a Health Link
/// administrator those of their own Health Link; nobody else any.
/// </summary>
public static class AccountRights
{
    internal static bool MayManage(Viewer viewer, Guid? healthLink) =>
        viewer.Source == AuditSource.Cli || (viewer.IsIn(Roles.HealthLinkAdmin) && viewer.HealthLinkId is { } own && healthLink == own);

    internal static RuleViolation Refusal => new("Account", Rules.NotAllowed, "only the command line, or an administrator of the account's Health Link, manages it");

    /// <summary>The person at the command line, named in the audit as the operating-system user who ran it.</summary>
    public static Viewer CommandLine { get; } = new("", $"command line ({Environment.UserName})", [], null, null, null, AuditSource.Cli);
}
