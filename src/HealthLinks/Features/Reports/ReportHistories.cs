using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Reports;

/// <summary>Reads the history the quarterly figures need, per Health Link, for the quarters asked (from the replica when there is one).</summary>
public sealed class ReportHistories(ReadOnlyDbs dbs)
{
    public async Task<IReadOnlyDictionary<Guid, ReportHistory>> Load(IReadOnlyCollection<Guid> healthLinks, Quarter first, Quarter last, CancellationToken ct)
    {
        var (from, end) = (first.Start, last.End);
        var reviewsFrom = from.AddDays(-90);
        var firstDay = first.FirstDay;
        var lastDay = last.LastDay;
        var links = healthLinks.ToList();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var patients = db.Patients.Where(p => links.Contains(p.HealthLinkId));

        var episodes = await db.Enrollments.AsNoTracking().Where(e => links.Contains(e.HealthLinkId) && e.IdentifiedAt < end)
            .Select(e => new { e.Id, e.HealthLinkId, e.PatientId, e.Source, e.IdentifiedAt, e.ClosingReason }).ToListAsync(ct);
        var changes = (await db.EnrollmentStatusChanges.AsNoTracking().Where(c => c.At < end)
                .Join(db.Enrollments.Where(e => links.Contains(e.HealthLinkId)), c => c.EnrollmentId, e => e.Id, (c, e) => new { c.EnrollmentId, c.To, c.At })
                .ToListAsync(ct))
            .ToLookup(c => c.EnrollmentId);
        var plans = await db.CarePlans.AsNoTracking().Join(patients, c => c.PatientId, p => p.Id, (c, p) => new { p.HealthLinkId, c.PatientId, c.CompletedAt }).ToListAsync(ct);
        var actions = await db.PlanActions.AsNoTracking().Where(a => a.TargetDate >= firstDay && a.TargetDate <= lastDay)
            .Join(patients, a => a.PatientId, p => p.Id, (a, p) => new { p.HealthLinkId, TargetDate = a.TargetDate!.Value, a.DoneAt }).ToListAsync(ct);
        var contacts = await db.PatientContacts.AsNoTracking().Where(c => c.At >= from && c.At < end)
            .Join(patients, c => c.PatientId, p => p.Id, (c, p) => new { p.HealthLinkId, c.At }).ToListAsync(ct);
        var reviews = await db.PlanReviews.AsNoTracking().Where(r => r.At >= reviewsFrom && r.At < end)
            .Join(patients, r => r.PatientId, p => p.Id, (r, p) => new { p.HealthLinkId, r.CarePlanId, r.At }).ToListAsync(ct);
        var conferences = await db.CareConferences.AsNoTracking().Where(c => c.Status == ConferenceStatus.Held && c.StartsAt >= from && c.StartsAt < end)
            .Join(patients, c => c.PatientId, p => p.Id, (c, p) => new { p.HealthLinkId, c.StartsAt }).ToListAsync(ct);
        var handOffs = await db.LeadHandOffs.AsNoTracking().Where(h => h.Status == HandOffStatus.Accepted && h.RespondedAt >= from && h.RespondedAt < end)
            .Join(patients, h => h.PatientId, p => p.Id, (h, p) => new { p.HealthLinkId, At = h.RespondedAt!.Value }).ToListAsync(ct);
        var surveys = await db.ExperienceSurveys.AsNoTracking().Where(s => links.Contains(s.HealthLinkId) && (s.CreatedAt >= from || s.AnsweredAt >= from) && s.CreatedAt < end)
            .Select(s => new { s.HealthLinkId, s.CreatedAt, s.AnsweredAt, s.KnowWhoToCall, s.AskedWhatMatters, s.OnePlan, s.NoRepeating, s.Involved, s.HelpWhenNeeded, s.Overall })
            .ToListAsync(ct);
        var targets = await db.HealthLinks.AsNoTracking().Where(h => links.Contains(h.Id)).ToDictionaryAsync(h => h.Id, h => h.QuarterlyPlanTarget, ct);

        return links.ToDictionary(link => link, link => new ReportHistory(
            [.. episodes.Where(e => e.HealthLinkId == link).Select(e => new ReportHistory.Episode(e.PatientId, e.Source, e.IdentifiedAt, e.ClosingReason,
                [.. changes[e.Id].OrderBy(c => c.At).Select(c => new ReportHistory.Change(c.To, c.At))]))],
            [.. plans.Where(p => p.HealthLinkId == link).Select(p => new ReportHistory.Plan(p.PatientId, p.CompletedAt))],
            [.. actions.Where(a => a.HealthLinkId == link).Select(a => new ReportHistory.Action(a.TargetDate, a.DoneAt))],
            [.. contacts.Where(c => c.HealthLinkId == link).Select(c => c.At)],
            [.. reviews.Where(r => r.HealthLinkId == link).Select(r => new ReportHistory.Review(r.CarePlanId, r.At))],
            [.. conferences.Where(c => c.HealthLinkId == link).Select(c => c.StartsAt)],
            [.. handOffs.Where(h => h.HealthLinkId == link).Select(h => h.At)],
            targets.GetValueOrDefault(link),
            [.. surveys.Where(s => s.HealthLinkId == link).Select(s => new ReportHistory.Survey(s.CreatedAt, s.AnsweredAt,
                [s.KnowWhoToCall, s.AskedWhatMatters, s.OnePlan, s.NoRepeating, s.Involved, s.HelpWhenNeeded], s.Overall))]));
    }
}
