using HealthLinks.Data;
using HealthLinks.Domain.Privacy;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Administration;

/// <summary>
/// The part of the directory (Health Links, organizations, providers) a person sees and keeps: the region of their
/// own Health Link. The command line, run by the installer on the server, sees every region.
/// </summary>
internal static class DirectoryScope
{
    /// <summary>The viewer's region; null for every region (the command line); <see cref="Guid.Empty"/>, which matches none, for a person without a Health Link.</summary>
    public static async Task<Guid?> Region(HealthLinksDb db, Viewer viewer, CancellationToken ct)
    {
        if (viewer.Source == AuditSource.Cli)
        {
            return null;
        }

        return viewer.HealthLinkId is { } own
            ? await db.HealthLinks.Where(h => h.Id == own).Select(h => (Guid?)h.RegionId).SingleOrDefaultAsync(ct) ?? Guid.Empty
            : Guid.Empty;
    }

    public static bool Covers(Guid? scope, Guid region) => scope is null || scope == region;

    public static Domain.RuleViolation Refusal(string field) => new(field, Domain.Rules.NotAllowed, "this is in another region's directory");
}
