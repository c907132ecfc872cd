using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.Privacy;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.CareTeams;

/// <summary>The directory of the patient's region, searched by name, organization or profession, to add someone to the team.</summary>
public static class FindProviders
{
    public const int MaxResults = 20;

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, PatientAccess access)
    {
        public async Task<IReadOnlyList<CareTeam.DirectoryEntry>> Handle(Viewer viewer, PatientId patient, string query, Profession? profession = null, CancellationToken ct = default)
        {
            var words = query.Trim();
            if ((words.Length < 2 && profession is null) || !(await access.Open(viewer, patient, "Care team", AuditAction.View, AccessScope.Registration, ct)).Allowed)
            {
                return [];
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var region = await db.Patients.Where(p => p.Id == patient).Join(db.HealthLinks, p => p.HealthLinkId, h => h.Id, (_, h) => h.RegionId).SingleAsync(ct);
            var like = $"%{words.Replace("%", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant()}%";
            var rows = db.Providers.AsNoTracking().Join(db.Organizations, p => p.OrganizationId, o => o.Id, (p, o) => new { p, o }).Where(x => x.o.RegionId == region);
            if (words.Length > 0)
            {
                rows = rows.Where(x => EF.Functions.Like((x.p.GivenName + " " + x.p.FamilyName).ToLower(), like) || EF.Functions.Like(x.o.Name.ToLower(), like));
            }

            if (profession is { } only)
            {
                rows = rows.Where(x => x.p.Profession == only);
            }

            return await rows.OrderBy(x => x.p.FamilyName).ThenBy(x => x.p.GivenName).Take(MaxResults)
                .Select(x => new CareTeam.DirectoryEntry(x.p.Id, x.p.GivenName + " " + x.p.FamilyName, x.p.Profession, x.o.Name)).ToListAsync(ct);
        }
    }
}
