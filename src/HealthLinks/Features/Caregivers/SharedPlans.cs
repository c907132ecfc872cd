using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Infrastructure.Localization;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Caregivers;

/// <summary>
/// What a signed-in caregiver may read: the plans of the patients whose access to them is active today. Checked on every
/// request, so access ends the moment it expires or is revoked.
/// </summary>
public static class SharedPlans
{
    public sealed record Shared(PatientId PatientId, string PatientName, DateOnly ExpiresOn);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, TimeProvider clock)
    {
        public async Task<IReadOnlyList<Shared>> For(string? email, CancellationToken ct = default)
        {
            if (string.IsNullOrWhiteSpace(email))
            {
                return [];
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var today = Ontario.Today(clock);
            var normalized = CaregiverAccess.Normalize(email);
            return await db.CaregiverAccesses.AsNoTracking()
                .Where(a => a.Email == normalized && a.RevokedAt == null && a.ExpiresOn > today)
                .Join(db.Patients, a => a.PatientId, p => p.Id, (a, p) => new Shared(p.Id, p.GivenName + " " + p.FamilyName, a.ExpiresOn))
                .ToListAsync(ct);
        }
    }
}
