using System.Globalization;

using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.Patients;
using HealthLinks.Infrastructure.Localization;
using HealthLinks.Resources;

using Microsoft.Extensions.Localization;

using Line = HealthLinks.Features.CarePlans.PlanSheet.Line;

namespace HealthLinks.Features.CarePlans;

/// <summary>Builds the patient-readable plan in English or French (by default the patient's preferred language).</summary>
public static class BuildPlanSheet
{
    public sealed class Handler(GetCarePlan.Handler plans, GetPatientOverview.Handler overviews, Privacy.PatientAccess access, IStringLocalizer<Strings> l)
    {
        /// <summary>The sheet for this viewer (the print view, the PDF, a caregiver's or the patient's own copy), audited as <paramref name="what"/>.</summary>
        public Task<Privacy.Opened<PlanSheet>> Handle(Infrastructure.Privacy.Viewer viewer, PatientId patientId, string? language, string what = "Plan", AuditAction action = AuditAction.View, CancellationToken ct = default) =>
            access.Read(viewer, patientId, what, gate => Build(patientId, gate.Withheld, language, ct), action, ct: ct);

        /// <summary>The sheet without what consent directives withhold from this reader, for a use case that has already been through the door.</summary>
        internal async Task<PlanSheet?> Build(PatientId patientId, WithheldParts withheld, string? language = null, CancellationToken ct = default)
        {
            var overview = await overviews.Read(patientId, ct);
            var plan = await plans.Read(patientId, ct);
            if (overview is null || plan is null)
            {
                return null;
            }

            language = language is "en" or "fr" ? language : overview.Patient.Language == PreferredLanguage.French ? "fr" : "en";
            var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(language == "fr" ? "fr-CA" : "en-CA");
            try
            {
                return Build(overview, plan with { Document = Privacy.Withholding.Apply(plan.Document, withheld) }, language, withheld);
            }
            finally
            {
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
            }
        }

        private PlanSheet Build(GetPatientOverview.Overview overview, GetCarePlan.View plan, string language, WithheldParts withheld)
        {
            var p = overview.Patient;
            var d = plan.Document;
            var owners = plan.Team.ToDictionary(t => t.Id, t => t.Name);
            var sections = new List<PlanSheet.Section>
            {
                Section(1, Identifiers(overview, plan)),
                // The sheet is the patient's: how to reach each member by phone, not the team's email addresses.
                Section(2, overview.CareTeam.Where(m => m.LeftOn is null).Select(m => new Line(m.Name,
                    Join(CareTeams.CareTeam.RoleLabel(l, m.TeamRole, m.Role, m.IsLead), m.Organization, m.Phone)))),
                // Each issue once, in the patient's words, with the coded name only when it says something more (no codes).
                Section(3, d.HealthIssues.Select(i => new Line(i.InMyWords, string.Equals(i.Display, i.InMyWords, StringComparison.OrdinalIgnoreCase) ? "" : i.Display))),
                Section(4, d.Allergies.Select(a => new Line(l["Plan_Allergies"], Join(a.Substance, a.Reaction, l.Enum(a.Severity))))
                    .Concat(d.Medications.Select(m => new Line(m.Name, Join(
                        m.Dose, m.Frequency, m.Purpose, m.Prescriber, m.ReconciledOn is { } on ? string.Format(CultureInfo.CurrentCulture, l["Plan_ReconciledOn"], Date(on)) : null))))
                    .Concat(d.Medications.Select(m => m.Pharmacy).Where(x => !string.IsNullOrWhiteSpace(x)).Distinct(StringComparer.OrdinalIgnoreCase).Select(x => new Line(l["PlanField_Pharmacy"], x!)))
                    .Concat(d.MedicationReviews.TakeLast(1).Select(r => new Line(l["Plan_LastMedicationReview"], Date(r.ReviewedOn))))),
                // Every value named ("Priority: Medium"); the team's working notes stay off the patient's sheet.
                Section(5, d.Goals.SelectMany(g => g.Actions.Select(a => new Line(l["Plan_What"], Join(
                        a.What,
                        Named("PlanField_ResponsibleMemberId", a.PatientIsResponsible ? l["Plan_ThePatient"].Value : a.ResponsibleMemberId is { } o && owners.TryGetValue(o, out var name) ? name : null),
                        Named("PlanField_TargetDate", a.TargetDate is { } t ? Date(t) : null),
                        Named("PlanField_Status", l.Enum(a.Status))), 1))
                    .Prepend(new Line(l["Plan_GoalInMyWords"], Join(g.InMyWords, Named("PlanField_Priority", l.Enum(g.Priority)), Named("PlanField_TargetDate", g.TargetDate is { } gt ? Date(gt) : null),
                        Named("PlanField_Lifecycle", l.Enum(g.Lifecycle)), Named("PlanField_Achievement", l.Enum(g.Achievement))))))),
                Section(6, d.Situation.Select(s => new Line(l.Enum(s.Area), Join(l.Enum(s.Rating), s.Details)))),
                Section(7, d.Assessments.Select(a => new Line(a.Type, Join(Date(a.Date), a.Assessor, a.Result)))),
                Section(8, d.LastHospitalVisit is { } v
                    ? [new Line(v.Where, Join(Date(v.Admitted), v.Why, v.Discharged is { } out_ ? $"{l["Plan_Discharged"]} {Date(out_)}" : null))]
                    : []),
                Section(9, d.OtherTreatments.Select(t => new Line(t.Name, t.Details ?? ""))),
                Section(10, d.Supports.Select(s => new Line(s.Service, Join(s.Provider, s.Frequency)))),
                // Appointments, then the referrals the plan's actions made.
                Section(11, d.Appointments.Select(a => new Line(a.With, Join(
                    a.When is { } w ? Languages.WallClock(w) : null, a.Where, l.Enum(a.Status), a.IsReferral ? l["Plan_IsReferral"].Value : null)))
                    .Concat(d.Goals.SelectMany(g => g.Actions).Where(a => a.Referral is not null).Select(a => new Line(a.Referral!.Service, Join(
                        l["Plan_IsReferral"], Named("PlanField_ReferralStatus", l.Enum(a.Referral.Status)), Named("PlanField_TargetDate", a.TargetDate is { } t ? Date(t) : null)))))),
            };
            return new PlanSheet(language, string.Format(CultureInfo.CurrentCulture, l["Plan_TitleFor"], p.DisplayName), overview.HealthLink, sections,
                withheld == WithheldParts.None ? null : l["Privacy_Withheld"].Value);
        }

        private IEnumerable<Line> Identifiers(GetPatientOverview.Overview overview, GetCarePlan.View plan)
        {
            var p = overview.Patient;
            yield return new Line(l["Patient_Name"], p.DisplayName + (p.PreferredName is null ? "" : $" ({p.PreferredName})"));
            yield return new Line(l["Patient_DateOfBirth"], Languages.Date(p.DateOfBirth));
            if (p.HealthCardNumber is not null)
            {
                yield return new Line(l["Patient_HealthCardNumber"], HealthCardNumber.Parse(p.HealthCardNumber, p.HealthCardVersion).ToString());
            }

            yield return new Line(l["Patient_Address"], Join(p.Address.Street, p.Address.City, p.Address.Province, p.Address.PostalCode));
            yield return new Line(l["Patient_Contact"], Join(p.Phone, p.Email, l.Enum(p.PreferredContact)));
            yield return new Line(l["Patient_Language"], Join(p.Language == PreferredLanguage.Other ? p.OtherLanguage : l.Enum(p.Language), p.InterpreterNeeded ? l["Patient_InterpreterNeeded"].Value : null));
            foreach (var r in p.RelatedPeople)
            {
                var roles = Enum.GetValues<RelatedPersonRoles>().Where(x => x != RelatedPersonRoles.None && r.Roles.HasFlag(x)).Select(x => l.Enum(x));
                yield return new Line(string.Join(", ", roles), Join(r.DisplayName, r.Relationship, r.Phone));
            }

            yield return new Line(l["Plan_Version"], Join(plan.Version.ToString(CultureInfo.CurrentCulture), plan.UpdatedAt is { } u ? Languages.DateTime(u) : null));
            yield return new Line(l["Plan_NextReview"], plan.NextReviewDue is { } due ? Languages.Date(due) : "—");
        }

        private PlanSheet.Section Section(int number, IEnumerable<Line> lines)
        {
            var list = lines.ToList();
            return new PlanSheet.Section($"{number}. {l[$"Plan_S{number}"]}", list.Count > 0 ? list : [new Line(null, l["Sheet_NothingRecorded"])]);
        }

        /// <summary>A date that a line break (or a page break) never splits.</summary>
        private static string Date(DateOnly date) => Languages.Date(date).Replace(' ', '\u00a0');

        private string? Named(string label, string? value) => value is null ? null : $"{l[label]}{Languages.Colon} {value}";

        private static string Join(params string?[] parts) => string.Join(" · ", parts.Where(x => !string.IsNullOrWhiteSpace(x)));
    }
}
