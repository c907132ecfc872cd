using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Features.Notifications;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Demo;

/// <summary>
/// Something real for the coordinator's day: past and upcoming care conferences, contacts at several cadences, and a
/// hand-off from another coordinator waiting for the demo coordinator's answer.
/// </summary>
public static class DemoCoordination
{
    public static async Task SeedAsync(IDbContextFactory<HealthLinksDb> dbs, TimeProvider clock, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.CareConferences.AnyAsync(ct) || await db.LeadHandOffs.AnyAsync(ct))
        {
            return;
        }

        var coordinator = await db.Providers.SingleOrDefaultAsync(p => p.Email == DemoDirectory.CoordinatorEmail, ct);
        if (coordinator is null)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var led = await db.CareTeamMembers.Where(m => m.ProviderId == coordinator.Id && m.IsLead && m.LeftOn == null)
            .OrderBy(m => m.JoinedOn).Select(m => m.PatientId).Take(12).ToListAsync(ct);
        var patients = await db.Patients.Include(p => p.CareTeam).Where(p => led.Contains(p.Id)).ToListAsync(ct);
        var team = patients.SelectMany(p => p.CareTeam).Where(m => m.ProviderId is not null).Select(m => m.ProviderId!.Value).Distinct().ToList();
        var emails = await Notifier.ProviderEmails(db, team, ct);
        var names = await db.Providers.Where(p => team.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);
        var cadences = new ContactCadence?[] { ContactCadence.Weekly, ContactCadence.EveryTwoWeeks, null, ContactCadence.Monthly };
        for (var i = 0; i < patients.Count; i++)
        {
            var patient = patients[i];
            patient.SetContactCadence(cadences[i % cadences.Length]);
            for (var c = 0; c < i % 3 + 1; c++)
            {
                db.PatientContacts.Add(new PatientContact(patient.Id, now.AddDays(-(c * 12) - i - 2).AddHours(-3), c % 2 == 0 ? ContactKind.Phone : ContactKind.HomeVisit,
                    c % 2 == 0 ? "The patient" : "The patient and a family member", c % 2 == 0 ? "Checked in by phone; no new concerns." : "Home visit; reviewed medications and falls risk.",
                    (ConditionChange)(1 + (i + c) % 3), null, DemoDirectory.CoordinatorEmail, now));
            }

            if (i < 4)
            {
                var past = Conference(patient, now.AddDays(-30 + i).Date.AddHours(15), coordinator, emails, names, now, alreadyHeld: true);
                past.RecordOutcome(past.Invitees.Select(x => x.Id).Take(2).ToHashSet(), "Reviewed the plan with the patient; goals unchanged.",
                    [new ConferenceDecision("Keep the current goals and meet again in a month.", null, null)], null, DemoDirectory.CoordinatorEmail, now.AddDays(-29 + i));
                db.CareConferences.Add(past);
                db.CareConferences.Add(Conference(patient, now.AddDays(3 + i * 4).Date.AddHours(14 + i), coordinator, emails, names, now, alreadyHeld: false));
            }
        }

        await SetTargets(db, led, now, ct);
        await AddHandOff(db, coordinator, now, ct);
        await db.SaveChangesAsync(ct);
    }

    private static CareConference Conference(Patient patient, DateTime startsAt, Provider coordinator, Dictionary<ProviderId, string> emails, Dictionary<ProviderId, string> names, DateTime now, bool alreadyHeld)
    {
        var conference = new CareConference(patient.Id, startsAt, 60, "Health Link office, meeting room 1", null, coordinator.DisplayName, DemoDirectory.CoordinatorEmail, now, alreadyHeld);
        foreach (var member in patient.CareTeam.Where(m => m.LeftOn is null && m.ProviderId is { } p && emails.ContainsKey(p)))
        {
            conference.Invite(InviteeKind.TeamMember, names[member.ProviderId!.Value], emails[member.ProviderId.Value], member.Id);
        }

        return conference;
    }

    /// <summary>
    /// The templates' actions have no dates and all fall to the lead; a later version (as after a conference) gives them
    /// target dates, some already past, shares them with the family physician and sends a referral to home care.
    /// </summary>
    private static async Task SetTargets(HealthLinksDb db, List<PatientId> patients, DateTime now, CancellationToken ct)
    {
        var today = OntarioTime.DayOf(now);
        var plans = await db.CarePlans.Where(p => patients.Contains(p.PatientId)).ToListAsync(ct);
        var teams = await db.CareTeamMembers.Where(m => patients.Contains(m.PatientId) && m.LeftOn == null).ToListAsync(ct);
        foreach (var plan in plans)
        {
            var team = teams.Where(m => m.PatientId == plan.PatientId).ToList();
            var physician = team.FirstOrDefault(m => m.Role == "Family physician")?.Id;
            var homeCare = team.FirstOrDefault(m => m.Role == "Home care")?.Id;
            var created = OntarioTime.DayOf(plan.CreatedAt);
            var document = CarePlan.Read(plan.DocumentJson);
            var n = 0;
            foreach (var action in document.Goals.SelectMany(g => g.Actions).Where(a => a.IsOpen))
            {
                var target = n % 4 == 0 ? today.AddDays(-3 - n) : today.AddDays(2 + (n * 3));
                action.TargetDate = target < created ? created : target;
                action.ResponsibleMemberId = n % 3 == 1 && physician is not null ? physician : action.ResponsibleMemberId;
                if (n == 2 && homeCare is not null)
                {
                    (action.ResponsibleMemberId, action.Referral) = (homeCare, new ServiceReferral { Service = "Home care nursing" });
                }

                n++;
            }

            var facts = new CompletenessFacts(true, team.Count(m => m.Kind == CareTeamMemberKind.Provider));
            try
            {
                if (plan.Save(document, plan.Version, team.Select(m => m.Id).ToHashSet(), facts, DemoDirectory.CoordinatorEmail, now) is { } version)
                {
                    db.CarePlanVersions.Add(version);
                }
            }
            catch (DomainRuleException)
            {
                // A demo plan these dates do not fit stays as it was.
            }
        }
    }

    /// <summary>Another coordinator proposes to hand one of their patients to the demo coordinator.</summary>
    private static async Task AddHandOff(HealthLinksDb db, Provider coordinator, DateTime now, CancellationToken ct)
    {
        var region = await db.Organizations.Where(o => o.Id == coordinator.OrganizationId).Select(o => o.RegionId).SingleAsync(ct);
        var colleagues = db.Providers.Where(p => p.Profession == Profession.CareCoordinator && p.Id != coordinator.Id && db.Organizations.Any(o => o.Id == p.OrganizationId && o.RegionId == region));
        var other = await db.CareTeamMembers.Where(m => m.IsLead && m.LeftOn == null)
            .Join(colleagues, m => m.ProviderId, p => p.Id, (m, p) => new { m.PatientId, p.Id, p.Email })
            .OrderBy(x => x.PatientId).FirstOrDefaultAsync(ct);
        if (other is null)
        {
            return;
        }

        var today = OntarioTime.DayOf(now);
        db.LeadHandOffs.Add(new LeadHandOff(other.PatientId, other.Id, coordinator.Id,
            "I am moving to the east team. Lives alone; his daughter calls on Sundays and is his substitute decision-maker. Home care visits Monday and Thursday.",
            today.AddDays(14), other.Email ?? "coordinator", now.AddDays(-1), today));
    }
}
