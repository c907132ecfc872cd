using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Features.Privacy;
using HealthLinks.Infrastructure.Localization;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Conferences;

/// <summary>The conferences of the patients whose care team the viewer is on.</summary>
public static class ListConferences
{
    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, PatientAccess access, TimeProvider clock)
    {
        /// <summary>Conferences of the patients this user may list (an invitee off the team has the emailed invitation, which names no patient): upcoming first, then the latest past.</summary>
        public async Task<IReadOnlyList<Conferences.Summary>> Handle(Viewer viewer, PatientId? patient = null, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            // The care team's own patients only: that a patient is meeting their team is part of their record, not of their registration.
            var today = Ontario.Today(clock);
            var provider = viewer.ProviderId;
            var mine = db.CareTeamMembers.Where(m => provider != null && m.ProviderId == provider && m.JoinedOn <= today && (m.LeftOn == null || m.LeftOn > today)).Select(m => m.PatientId);
            var query = db.CareConferences.Where(c => mine.Contains(c.PatientId));
            if (patient is { } only)
            {
                query = query.Where(c => c.PatientId == only);
            }

            var rows = await query.Join(db.Patients, c => c.PatientId, p => p.Id, (c, p) => new Conferences.Summary(c.Id, c.PatientId, p.GivenName + " " + p.FamilyName, c.StartsAt, c.Minutes, c.Place, c.VideoLink, c.Status, c.Invitees.Count))
                .ToListAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            await access.Listed(viewer, rows.Select(r => r.PatientId), "Conferences", ct);
            return [.. rows.Where(r => r.StartsAt >= now && r.Status == ConferenceStatus.Scheduled).OrderBy(r => r.StartsAt)
                .Concat(rows.Where(r => r.StartsAt < now || r.Status != ConferenceStatus.Scheduled).OrderByDescending(r => r.StartsAt))];
        }
    }
}
