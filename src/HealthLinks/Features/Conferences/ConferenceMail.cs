using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Features.Notifications;
using HealthLinks.Features.Privacy;
using HealthLinks.Infrastructure.Localization;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Conferences;

/// <summary>A conference's invitations and cancellations, to the invitees who may hear of the patient.</summary>
public sealed class ConferenceMail(IDbContextFactory<HealthLinksDb> dbs, Notifier notifier, TimeProvider clock)
{
    /// <summary>The invitees who may hear of this patient: a team member the patient withheld the whole record from is not told.</summary>
    public async Task<IReadOnlyList<ConferenceInvitee>> MayBeInvited(HealthLinksDb db, CareConference conference, CancellationToken ct)
    {
        var memberIds = conference.Invitees.Where(i => i.MemberId != null).Select(i => i.MemberId!.Value).ToList();
        var members = await db.CareTeamMembers.Where(m => memberIds.Contains(m.Id) && m.ProviderId != null).ToDictionaryAsync(m => m.Id, m => m.ProviderId!.Value, ct);
        var told = (await DirectiveAudiences.MayBeTold(db, conference.PatientId, members.Values.ToList(), Ontario.Today(clock), ct)).ToHashSet();
        return [.. conference.Invitees.Where(i => i.MemberId is not { } m || !members.TryGetValue(m, out var provider) || told.Contains(provider))];
    }

    /// <summary>The invitation (or, once cancelled, the cancellation) to every invitee who may hear of the patient.</summary>
    public async Task Send(CareConference conference, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        // Someone without an address is invited by phone or letter: the page reminds the coordinator.
        foreach (var invitee in (await MayBeInvited(db, conference, ct)).Where(i => i.Email is not null))
        {
            await notifier.Deliver(ConferenceInvitation.Email(conference, invitee, notifier.Site), ct);
        }
    }
}
