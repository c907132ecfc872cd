using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Referrals;

/// <summary>Referrals for coordinated care: by a provider's clinical judgment, or by a patient or caregiver through the public form, then reviewed.</summary>
public static class Referrals
{
    /// <summary>The public form; settable so the page binds to it.</summary>
    public sealed class SelfReferral
    {
        public ReferralSource Source { get; set; } = ReferralSource.Patient;

        public string? GivenName { get; set; }

        public string? FamilyName { get; set; }

        public DateOnly? DateOfBirth { get; set; }

        public string? ContactPhone { get; set; }

        public string? ContactEmail { get; set; }

        public string ReferredBy { get; set; } = "";

        public string Reason { get; set; } = "";
    }

    public sealed record Row(Guid Id, ReferralSource Source, string Who, DateOnly? DateOfBirth, string ReferredBy, string? Contact, string Reason, ReferralUrgency Urgency, DateTime ReceivedAt, ReferralStatus Status, PatientId? PatientId, string? DeclineReason);

    /// <summary>
    /// The referral as the viewer's Health Link may act on it: one about a patient of theirs, or a public one that names
    /// no patient on record. Null for anyone else, who is told "no such referral", as though it did not exist.
    /// </summary>
    internal static async Task<Referral?> Reviewable(HealthLinksDb db, Infrastructure.Privacy.Viewer viewer, Guid referralId, CancellationToken ct)
    {
        if (!viewer.IsHealthLinkStaff || viewer.HealthLinkId is not { } healthLink)
        {
            return null;
        }

        var ours = db.Patients.Where(p => p.HealthLinkId == healthLink).Select(p => p.Id);
        return await db.Referrals.SingleOrDefaultAsync(r => r.Id == referralId && (r.PatientId == null || ours.Contains(r.PatientId.Value)), ct);
    }
}
