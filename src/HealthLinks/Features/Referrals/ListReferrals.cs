using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Referrals;

/// <summary>The referrals a Health Link's staff triage.</summary>
public static class ListReferrals
{
    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, Privacy.PatientAccess access)
    {
        /// <summary>
        /// The referrals of the viewer's Health Link (those about its patients), and the public ones no Health Link has
        /// taken yet, which any Health Link's staff may triage. New ones first; audited as a list view.
        /// </summary>
        public async Task<IReadOnlyList<Referrals.Row>> Handle(Infrastructure.Privacy.Viewer viewer, CancellationToken ct = default)
        {
            if (!viewer.IsHealthLinkStaff || viewer.HealthLinkId is not { } healthLink)
            {
                return [];
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var ours = db.Patients.Where(p => p.HealthLinkId == healthLink).Select(p => p.Id);
            var referrals = await db.Referrals.AsNoTracking().Where(r => r.PatientId == null ? r.Status == ReferralStatus.New : ours.Contains(r.PatientId.Value))
                .OrderBy(r => r.Status).ThenByDescending(r => r.ReceivedAt).ToListAsync(ct);
            var ids = referrals.Where(r => r.PatientId != null).Select(r => r.PatientId!.Value).Distinct().ToList();
            var names = await db.Patients.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.FamilyName + ", " + p.GivenName, ct);
            await access.Listed(viewer, ids, "Referrals", ct);
            return referrals.Select(r => new Referrals.Row(r.Id, r.Source, r.PatientId is { } p ? names.GetValueOrDefault(p, "—") : $"{r.FamilyName}, {r.GivenName}", r.DateOfBirth, r.ReferredBy,
                r.ContactPhone ?? r.ContactEmail, r.Reason, r.Urgency, r.ReceivedAt, r.Status, r.PatientId, r.DeclineReason)).ToList();
        }
    }
}
