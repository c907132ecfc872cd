using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.CarePlans;

/// <summary>Two saved versions of a plan side by side, with what changed between them.</summary>
public static class CompareVersions
{
    public sealed record Side(int Number, DateTime SavedAt, string SavedBy, CarePlanDocument Document);

    public sealed record Comparison(Side Older, Side Newer, IReadOnlyList<PlanChange> Changes);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, Privacy.PatientAccess access)
    {
        /// <summary>Both versions, less what consent directives withhold from this viewer (the changes are compared on what they may see).</summary>
        public Task<Privacy.Opened<Comparison>> Handle(Infrastructure.Privacy.Viewer viewer, PatientId patientId, int first, int second, CancellationToken ct = default) =>
            access.Read(viewer, patientId, "Plan versions", async gate => await Read(patientId, first, second, ct) is { } c ? For(c, gate.Withheld) : null, ct: ct);

        private static Comparison For(Comparison c, Domain.Privacy.WithheldParts withheld)
        {
            if (withheld == Domain.Privacy.WithheldParts.None)
            {
                return c;
            }

            var (older, newer) = (c.Older with { Document = Privacy.Withholding.Apply(c.Older.Document, withheld) }, c.Newer with { Document = Privacy.Withholding.Apply(c.Newer.Document, withheld) });
            return new Comparison(older, newer, PlanDiff.Between(older.Document, newer.Document));
        }

        private async Task<Comparison?> Read(PatientId patientId, int first, int second, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var (older, newer) = (Math.Min(first, second), Math.Max(first, second));
            var versions = await db.CarePlanVersions.AsNoTracking()
                .Where(v => db.CarePlans.Any(p => p.Id == v.CarePlanId && p.PatientId == patientId) && (v.Number == older || v.Number == newer))
                .ToListAsync(ct);
            if (versions.Count != (older == newer ? 1 : 2))
            {
                return null;
            }

            Side SideOf(int n) => versions.Single(v => v.Number == n) is var v ? new Side(v.Number, v.SavedAt, v.SavedBy, v.Document) : null!;
            var (a, b) = (SideOf(older), SideOf(newer));
            return new Comparison(a, b, PlanDiff.Between(a.Document, b.Document));
        }
    }
}
