using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Conferences;

/// <summary>The agenda a conference starts from, built from the record: open and overdue actions, goals due for review, and what changed since the last conference.</summary>
public static class ConferenceAgenda
{
    /// <summary>A goal is due for review when its target date falls before two weeks after the conference.</summary>
    public const int ReviewWindowDays = 14;

    public sealed record ActionItem(string What, string Goal, DateOnly? TargetDate, ActionStatus Status, bool Overdue);

    public sealed record GoalItem(string Goal, DateOnly TargetDate, GoalAchievement Achievement);

    /// <summary>Kind is Plan (a version saved), Contact (a contact that found the patient worse) or Hospital (an emergency visit or a stay).</summary>
    public sealed record Change(DateTime At, string Kind, string What, string By);

    public sealed record Agenda(DateTime? Since, IReadOnlyList<ActionItem> Actions, IReadOnlyList<GoalItem> GoalsToReview, IReadOnlyList<Change> Changes)
    {
        public bool IsEmpty => Actions.Count == 0 && GoalsToReview.Count == 0 && Changes.Count == 0;
    }

    /// <summary>
    /// Built for one viewer: with mental health and addictions withheld from them, contact summaries and visit reasons are
    /// left out (free text may name them), and so are the plan's items the directive covers.
    /// </summary>
    public static async Task<Agenda> Build(HealthLinksDb db, CareConference conference, DateOnly today, WithheldParts withheld, CancellationToken ct)
    {
        var sensitive = withheld.HasFlag(WithheldParts.MentalHealthAndAddictions);
        var day = DateOnly.FromDateTime(Infrastructure.Localization.Ontario.ToWallClock(conference.StartsAt));
        var actions = (await db.PlanActions.AsNoTracking().Where(a => a.PatientId == conference.PatientId && a.IsOpen).ToListAsync(ct))
            .Where(a => (a.WithheldAs & withheld) == 0)
            .Select(a => new ActionItem(a.What, a.Goal, a.TargetDate, a.Status, a.TargetDate < today))
            .OrderByDescending(a => a.Overdue).ThenBy(a => a.TargetDate ?? DateOnly.MaxValue).ToList();

        var plan = await db.CarePlans.AsNoTracking().SingleOrDefaultAsync(p => p.PatientId == conference.PatientId, ct);
        var goals = (plan is null ? [] : Privacy.Withholding.Apply(plan.Document, withheld).Goals)
            .Where(g => g.Lifecycle is GoalLifecycle.Active or GoalLifecycle.Proposed && g.TargetDate is { } t && t <= day.AddDays(ReviewWindowDays))
            .Select(g => new GoalItem(g.InMyWords, g.TargetDate!.Value, g.Achievement)).OrderBy(g => g.TargetDate).ToList();

        var since = await db.CareConferences.Where(c => c.PatientId == conference.PatientId && c.Id != conference.Id && c.Status == ConferenceStatus.Held && c.StartsAt < conference.StartsAt)
            .OrderByDescending(c => c.StartsAt).Select(c => (DateTime?)c.StartsAt).FirstOrDefaultAsync(ct);
        var from = since ?? conference.StartsAt.AddDays(-90);
        var changes = new List<Change>();
        if (plan is not null)
        {
            changes.AddRange(await db.CarePlanVersions.AsNoTracking().Where(v => v.CarePlanId == plan.Id && v.SavedAt > from && v.SavedAt <= conference.StartsAt)
                .Select(v => new Change(v.SavedAt, "Plan", v.Summary, v.SavedBy)).ToListAsync(ct));
        }

        changes.AddRange(await db.PatientContacts.AsNoTracking().Where(c => c.PatientId == conference.PatientId && c.At > from && c.At <= conference.StartsAt && c.Change == ConditionChange.Worse)
            .Select(c => new Change(c.At, "Contact", sensitive ? "" : c.Summary, c.RecordedBy)).ToListAsync(ct));
        changes.AddRange(await db.Encounters.AsNoTracking().Where(e => e.PatientId == conference.PatientId && e.Start > from && e.Start <= conference.StartsAt && (e.Kind == EncounterKind.EmergencyVisit || e.Kind == EncounterKind.InpatientStay))
            .Select(e => new Change(e.Start, "Hospital", e.Kind.ToString(), sensitive ? "" : e.Reason ?? "")).ToListAsync(ct));
        return new Agenda(since, actions, goals, [.. changes.OrderByDescending(c => c.At)]);
    }
}
