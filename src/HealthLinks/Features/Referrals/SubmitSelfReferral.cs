using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Referrals;

/// <summary>A patient or caregiver asks for coordinated care through the public form; it names no patient on record.</summary>
public static class SubmitSelfReferral
{
    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, Infrastructure.Abuse.Throttles throttles, TimeProvider clock)
    {
        /// <summary>Anyone may submit, a few times from one address; nothing on record is read or shown.</summary>
        public async Task<Result<Guid>> Handle(Referrals.SelfReferral form, string fromAddress, CancellationToken ct = default)
        {
            if (!Infrastructure.Abuse.Throttles.Spend(throttles.Referrals, fromAddress))
            {
                return Result<Guid>.Failed("Form", Rules.TooManyAttempts, "too many requests were sent from this network address: try again in 10 minutes, or call the Health Link");
            }

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
