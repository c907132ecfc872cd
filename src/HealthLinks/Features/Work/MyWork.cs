using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.Privacy;
using HealthLinks.Infrastructure.Localization;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Work;

/// <summary>
/// The actions a provider is responsible for across all their patients (from the plans' action index): overdue first,
/// then by target date. Each is updated or reassigned as a new version of that patient's plan (<see cref="UpdateAction"/>).
/// </summary>
public static class MyWork
{
    public sealed record Row(PatientId PatientId, string Patient, Guid ActionId, string What, string Goal, DateOnly? TargetDate, ActionStatus Status, string? ReferralService, ServiceReferralStatus? ReferralStatus)
    {
        public bool IsOverdue(DateOnly today) => TargetDate < today;

        public bool IsDueThisWeek(DateOnly today) => TargetDate >= today && TargetDate < today.AddDays(7);
    }

    public sealed class Update
    {
        public ActionStatus Status { get; set; }

        /// <summary>For a referral to a service: its status, from which the action's follows.</summary>
        public ServiceReferralStatus? ReferralStatus { get; set; }

        public string? Note { get; set; }

        /// <summary>Another member of the patient's care team to take the action over.</summary>
        public Guid? ReassignTo { get; set; }
    }

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, PatientAccess access, TimeProvider clock)
    {
        /// <summary>My work as the signed-in provider sees it: their open actions, audited as a list view.</summary>
        public async Task<IReadOnlyList<Row>> Mine(Viewer viewer, CancellationToken ct = default)
        {
            if (viewer.ProviderId is not { } provider)
            {
                return [];
            }

            var rows = await List(provider, ct);
            await access.Listed(viewer, rows.Select(r => r.PatientId), "My work", ct);
            return rows;
        }

        /// <summary>How many actions this viewer has open, and how many are overdue: counts for the dashboard, naming no patient.</summary>
        public async Task<(int Open, int Overdue)> Counts(Viewer viewer, CancellationToken ct = default)
        {
            var rows = viewer.ProviderId is { } provider ? await List(provider, ct) : [];
            return (rows.Count, rows.Count(r => r.IsOverdue(Ontario.Today(clock))));
        }

        /// <summary>The open actions assigned to this provider on the teams they are on today; pages go through <see cref="Mine"/>.</summary>
        internal async Task<IReadOnlyList<Row>> List(ProviderId provider, CancellationToken ct = default)
        {
            var today = Ontario.Today(clock);
            await using var db = await dbs.CreateDbContextAsync(ct);
            var withheld = DirectiveAudiences.WholeRecordWithheldFrom(db, provider);
            var rows = await (
                from a in db.PlanActions
                join m in db.CareTeamMembers on a.ResponsibleMemberId equals m.Id
                join p in db.Patients on a.PatientId equals p.Id
                where a.IsOpen && m.ProviderId == provider && m.JoinedOn <= today && (m.LeftOn == null || m.LeftOn > today) && !withheld.Contains(a.PatientId)
                select new { Row = new Row(a.PatientId, p.GivenName + " " + p.FamilyName, a.ActionId, a.What, a.Goal, a.TargetDate, a.Status, a.ReferralService, a.ReferralStatus), a.WithheldAs })
                .ToListAsync(ct);
            var sensitive = rows.Where(r => r.WithheldAs != WithheldParts.None).Select(r => r.Row.PatientId).Distinct().ToList();
            var parts = new Dictionary<PatientId, WithheldParts>();
            foreach (var patient in sensitive)
            {
                // An action in a category a directive withholds from this provider (mental health, say) is not listed.
                parts[patient] = (await DirectiveAudiences.WithheldFrom(db, patient, [provider], today, ct))[provider];
            }

            return [.. rows.Where(r => (r.WithheldAs & parts.GetValueOrDefault(r.Row.PatientId)) == 0).Select(r => r.Row).OrderByDescending(r => r.IsOverdue(today)).ThenBy(r => r.TargetDate ?? DateOnly.MaxValue).ThenBy(r => r.Patient, StringComparer.CurrentCulture)];
        }

        /// <summary>The signed-in patient's own open actions in their plan (what they said they would do).</summary>
        public async Task<IReadOnlyList<Row>> ForPatient(Viewer viewer, CancellationToken ct = default)
        {
            if (viewer.PatientId is not { } patient || !(await access.Open(viewer, patient, "My work", ct: ct)).Allowed)
            {
                return [];
            }

            var today = Ontario.Today(clock);
            await using var db = await dbs.CreateDbContextAsync(ct);
            var rows = await db.PlanActions.Where(a => a.PatientId == patient && a.IsOpen && a.PatientIsResponsible)
                .Select(a => new Row(a.PatientId, "", a.ActionId, a.What, a.Goal, a.TargetDate, a.Status, a.ReferralService, a.ReferralStatus)).ToListAsync(ct);
            return [.. rows.OrderByDescending(r => r.IsOverdue(today)).ThenBy(r => r.TargetDate ?? DateOnly.MaxValue)];
        }

        /// <summary>How many of this provider's open actions are past their target date.</summary>
        internal async Task<int> Overdue(ProviderId provider, CancellationToken ct = default)
        {
            var today = Ontario.Today(clock);
            await using var db = await dbs.CreateDbContextAsync(ct);
            return await (
                from a in db.PlanActions
                join m in db.CareTeamMembers on a.ResponsibleMemberId equals m.Id
                where a.IsOpen && a.TargetDate < today && m.ProviderId == provider && m.JoinedOn <= today && (m.LeftOn == null || m.LeftOn > today)
                    && !DirectiveAudiences.WholeRecordWithheldFrom(db, provider).Contains(a.PatientId)
                select a).CountAsync(ct);
        }
    }
}
