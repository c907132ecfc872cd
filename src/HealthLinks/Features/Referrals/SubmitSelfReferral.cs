using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Referrals;

/// <summary>A patient or caregiver asks for coordinated care through the public form; it names no patient on record.</summary>
public static class SubmitSelfReferral
{
    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, TimeProvider clock)
    {
        /// <summary>Anyone may submit; nothing on record is read or shown.</summary>
        public async Task<Result<Guid>> Handle(Referrals.SelfReferral form, CancellationToken ct = default)
        {
            try
            {
                var referral = Referral.FromPublic(form.Source, form.GivenName, form.FamilyName, form.DateOfBirth, form.ContactPhone, form.ContactEmail, form.Reason, form.ReferredBy, clock.GetUtcNow().UtcDateTime);
                await using var db = await dbs.CreateDbContextAsync(ct);
                db.Referrals.Add(referral);
                await db.SaveChangesAsync(ct);
                return referral.Id;
            }
            catch (DomainRuleException e)
            {
                return Result<Guid>.Failed(e.Violations);
            }
        }
    }
}
