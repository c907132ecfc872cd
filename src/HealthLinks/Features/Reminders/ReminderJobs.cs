using System.Globalization;

using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Features.Notifications;
using HealthLinks.Infrastructure.Localization;
using HealthLinks.Resources;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;

namespace HealthLinks.Features.Reminders;

/// <summary>
/// The reminder jobs, each run for "now" on the injected clock. Each reminder has a key naming what it is about
/// (the action and its target date, the referral and its last update, the plan and its review date), stored with the
/// notification in one transaction under a unique key: a second run for the same moment finds it and sends nothing.
/// </summary>
public sealed class ReminderJobs(IDbContextFactory<HealthLinksDb> dbs, Notifier notifier, Patients.GetMyCaseload.Handler caseloads, IConfiguration configuration, TimeProvider clock, IStringLocalizer<Strings> l)
{
    public const string OverdueActions = "overdue-actions";
    public const string StaleReferrals = "stale-referrals";
    public const string PlanReviews = "plan-reviews";
    public const string OverdueContacts = "overdue-contacts";

    public static IReadOnlyList<string> All { get; } = [OverdueActions, StaleReferrals, PlanReviews, OverdueContacts];

    /// <summary>Days past an action's target date before it goes to the patient's lead.</summary>
    public int ActionGraceDays => configuration.GetValue("Reminders:ActionGraceDays", 7);

    /// <summary>Days a referral to a service may go without an update from the receiving partner.</summary>
    public int ReferralDays => configuration.GetValue("Reminders:ReferralDays", 5);

    /// <summary>A reminder due; <see cref="Write"/> gives its title and body in the language current when it is called (the recipient's).</summary>
    private sealed record Reminder(string Key, PatientId About, ProviderId To, Func<(string Title, string Body)> Write, string Link);

    public Task<int> Run(string job, CancellationToken ct = default) => job switch
    {
        OverdueActions => Send(EscalateOverdueActions, ct),
        StaleReferrals => Send(RemindStaleReferrals, ct),
        PlanReviews => Send(RemindPlanReviews, ct),
        OverdueContacts => Send(RemindOverdueContacts, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(job), job, "no such reminder job"),
    };

    /// <summary>Open actions past their target date by more than the grace period go to the patient's lead care coordinator, once per target date.</summary>
    private async Task<List<Reminder>> EscalateOverdueActions(HealthLinksDb db, DateOnly today, DateTime now, CancellationToken ct)
    {
        var cutoff = today.AddDays(-ActionGraceDays);
        var rows = await (
            from a in db.PlanActions
            where a.IsOpen && a.TargetDate < cutoff
            join p in db.Patients on a.PatientId equals p.Id
            join m in db.CareTeamMembers on a.PatientId equals m.PatientId
            where m.IsLead && m.ProviderId != null && m.JoinedOn <= today && (m.LeftOn == null || m.LeftOn > today)
            select new { a.ActionId, a.PatientId, a.What, a.TargetDate, Lead = m.ProviderId!.Value, Patient = p.GivenName + " " + p.FamilyName })
            .ToListAsync(ct);
        return [.. rows.Select(r => new Reminder($"action-overdue:{r.ActionId}:{r.TargetDate:yyyyMMdd}", r.PatientId, r.Lead, () => (l["Reminder_ActionOverdueTitle"],
            string.Format(CultureInfo.CurrentCulture, l["Reminder_ActionOverdueBody"], r.Patient, r.What, Languages.Date(r.TargetDate!.Value))), $"/patients/{r.PatientId}/plan"))];
    }

    /// <summary>Referrals not updated by the receiving partner for the configured days: a reminder to that partner, once per last update.</summary>
    private async Task<List<Reminder>> RemindStaleReferrals(HealthLinksDb db, DateOnly today, DateTime now, CancellationToken ct)
    {
        var cutoff = now.AddDays(-ReferralDays);
        var waiting = new ServiceReferralStatus?[] { ServiceReferralStatus.Sent, ServiceReferralStatus.Accepted, ServiceReferralStatus.Booked };
        var rows = await (
            from a in db.PlanActions
            where a.IsOpen && waiting.Contains(a.ReferralStatus) && a.UpdatedAt < cutoff
            join m in db.CareTeamMembers on a.ResponsibleMemberId equals m.Id
            join p in db.Patients on a.PatientId equals p.Id
            where m.ProviderId != null
            select new { a.ActionId, a.PatientId, a.ReferralService, a.UpdatedAt, To = m.ProviderId!.Value, Patient = p.GivenName + " " + p.FamilyName })
            .ToListAsync(ct);
        return [.. rows.Select(r => new Reminder($"referral-stale:{r.ActionId}:{r.UpdatedAt:yyyyMMddHHmmssffffff}", r.PatientId, r.To, () => (l["Reminder_ReferralTitle"],
            string.Format(CultureInfo.CurrentCulture, l["Reminder_ReferralBody"], r.Patient, r.ReferralService, Languages.DateTime(r.UpdatedAt))), "/my-work"))];
    }

    /// <summary>Plans whose review is due go to the lead, once per review date.</summary>
    private async Task<List<Reminder>> RemindPlanReviews(HealthLinksDb db, DateOnly today, DateTime now, CancellationToken ct)
    {
        var rows = await (
            from plan in db.CarePlans
            where plan.NextReviewDue <= today
            join p in db.Patients on plan.PatientId equals p.Id
            join m in db.CareTeamMembers on plan.PatientId equals m.PatientId
            where m.IsLead && m.ProviderId != null && m.JoinedOn <= today && (m.LeftOn == null || m.LeftOn > today)
            select new { plan.Id, plan.PatientId, plan.NextReviewDue, Lead = m.ProviderId!.Value, Patient = p.GivenName + " " + p.FamilyName })
            .ToListAsync(ct);
        return [.. rows.Select(r => new Reminder($"plan-review:{r.Id}:{r.NextReviewDue:yyyyMMdd}", r.PatientId, r.Lead, () => (l["Reminder_PlanReviewTitle"],
            string.Format(CultureInfo.CurrentCulture, l["Reminder_PlanReviewBody"], r.Patient, Languages.Date(r.NextReviewDue!.Value))), $"/patients/{r.PatientId}/plan"))];
    }

    /// <summary>
    /// Patients led by someone today whose next contact (by their cadence, from the last contact) has passed: a reminder
    /// to their lead, once per lapse (the due date is in the key; a new contact moves it).
    /// </summary>
    private async Task<List<Reminder>> RemindOverdueContacts(HealthLinksDb db, DateOnly today, DateTime now, CancellationToken ct)
    {
        var leads = await db.CareTeamMembers.Where(m => m.IsLead && m.ProviderId != null && m.JoinedOn <= today && (m.LeftOn == null || m.LeftOn > today))
            .Select(m => m.ProviderId!.Value).Distinct().ToListAsync(ct);
        var due = new List<Reminder>();
        foreach (var lead in leads)
        {
            foreach (var r in (await caseloads.Handle(lead, ct)).Where(r => r.ContactOverdue(today)))
            {
                due.Add(new Reminder($"contact-overdue:{r.Id}:{r.NextContactDue:yyyyMMdd}", r.Id, lead, () => (l["Reminder_ContactOverdueTitle"],
                    string.Format(CultureInfo.CurrentCulture, l["Reminder_ContactOverdueBody"], $"{r.GivenName} {r.FamilyName}", Languages.Date(r.NextContactDue), r.LastContact is { } last ? Languages.Date(last) : l["Reminder_NoContactYet"])),
                    $"/patients/{r.Id}/contacts"));
            }
        }

        return due;
    }

    private async Task<int> Send(Func<HealthLinksDb, DateOnly, DateTime, CancellationToken, Task<List<Reminder>>> find, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var today = Ontario.Today(clock);
        var due = await find(db, today, now, ct);
        var keys = due.Select(d => d.Key).ToList();
        var sent = (await db.SentReminders.Where(s => keys.Contains(s.Key)).Select(s => s.Key).ToListAsync(ct)).ToHashSet();
        var fresh = due.Where(d => !sent.Contains(d.Key)).DistinctBy(d => d.Key).ToList();
        var addresses = new Dictionary<(PatientId, ProviderId), string>();
        foreach (var about in fresh.GroupBy(f => f.About))
        {
            // A provider the patient withheld the whole record from is not reminded about them.
            foreach (var (provider, address) in await Notifier.ProviderEmails(db, about.Key, about.Select(f => f.To).Distinct().ToList(), today, ct))
            {
                addresses[(about.Key, provider)] = address;
            }
        }

        var emails = new List<Notifier.Email>();
        foreach (var r in fresh)
        {
            // Recorded even when the provider has no address, so it is not looked at again every run.
            db.SentReminders.Add(new SentReminder(r.Key, now));
            if (addresses.TryGetValue((r.About, r.To), out var address))
            {
                emails.Add(await Notifier.Add(db, address, r.Key[..r.Key.IndexOf(':', StringComparison.Ordinal)], r.Write, r.Link, now, ct));
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another run sent these at the same moment: the unique key refused ours, and nothing of ours was stored.
            return 0;
        }

        await notifier.Send(emails, ct);
        return emails.Count;
    }
}
