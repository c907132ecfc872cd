using System.Text.RegularExpressions;

namespace HealthLinks.Domain;

/// <summary>What a plan must respect to be saved. Each violation names its place, e.g. Goals[0].Actions[1].ResponsibleMemberId.</summary>
public static partial class CarePlanRules
{
    public const int MaxText = 2000;

    public static void Check(CarePlanDocument d, DateOnly planCreated, DateOnly today, IReadOnlySet<Guid> teamMemberIds)
    {
        var v = new Violations();
        Each(d.HealthIssues, "HealthIssues", (i, at) =>
        {
            v.Text($"{at}.InMyWords", i.InMyWords, 500, required: true);
            v.Text($"{at}.Display", i.Display, 300, required: true);
            if (!IsKnownCodeFormat(i.System, i.Code))
            {
                v.Add($"{at}.Code", Rules.UnknownCode, $"is not a valid {i.System} code");
            }
        });
        Each(d.Allergies, "Allergies", (a, at) =>
        {
            v.Text($"{at}.Substance", a.Substance, 200, required: true);
            v.Text($"{at}.Reaction", a.Reaction, 500, required: false);
        });
        Each(d.Medications, "Medications", (m, at) =>
        {
            v.Text($"{at}.Name", m.Name, 200, required: true);
            foreach (var (field, value) in new[] { ("Dose", m.Dose), ("Frequency", m.Frequency), ("Prescriber", m.Prescriber), ("Pharmacy", m.Pharmacy), ("Purpose", m.Purpose), ("Source", m.Source) })
            {
                v.Text($"{at}.{field}", value, 200, required: false);
            }
        });
        Each(d.MedicationReviews, "MedicationReviews", (r, at) =>
        {
            v.Text($"{at}.ReviewedBy", r.ReviewedBy, 200, required: true);
            v.Text($"{at}.Notes", r.Notes, MaxText, required: false);
            Each(r.Decisions, $"{at}.Decisions", (decision, decisionAt) =>
            {
                v.Text($"{decisionAt}.Medication", decision.Medication, 200, required: true);
                v.Text($"{decisionAt}.Reason", decision.Reason, 1000, required: false);
            });
        });
        Each(d.Goals, "Goals", (g, at) =>
        {
            v.Text($"{at}.InMyWords", g.InMyWords, 1000, required: true);
            NotBeforePlan(v, $"{at}.TargetDate", g.TargetDate, planCreated);
            Each(g.Actions, $"{at}.Actions", (a, actionAt) =>
            {
                v.Text($"{actionAt}.What", a.What, 1000, required: true);
                v.Text($"{actionAt}.Notes", a.Notes, MaxText, required: false);
                if (a.Referral is { } referral)
                {
                    v.Text($"{actionAt}.Referral.Service", referral.Service, 200, required: true);
                }

                NotBeforePlan(v, $"{actionAt}.TargetDate", a.TargetDate, planCreated);
                if (a.ResponsibleMemberId is null && !a.PatientIsResponsible)
                {
                    v.Add($"{actionAt}.ResponsibleMemberId", Rules.ActionWithoutOwner, "say who is responsible for this action");
                }
                else if (a.ResponsibleMemberId is { } member && !teamMemberIds.Contains(member))
                {
                    v.Add($"{actionAt}.ResponsibleMemberId", Rules.UnknownMember, "the person responsible must be on the care team");
                }
            });
        });
        if (d.Situation.GroupBy(s => s.Area).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            v.Add("Situation", Rules.DuplicateArea, $"{twice.Key} appears more than once");
        }

        Each(d.Situation, "Situation", (s, at) => v.Text($"{at}.Details", s.Details, MaxText, required: false));
        Each(d.Assessments, "Assessments", (a, at) =>
        {
            v.Text($"{at}.Type", a.Type, 100, required: true);
            v.Text($"{at}.Assessor", a.Assessor, 200, required: false);
            v.Text($"{at}.Result", a.Result, 1000, required: false);
            if (a.Date > today)
            {
                v.Add($"{at}.Date", Rules.DateInFuture, "an assessment cannot be dated in the future");
            }
        });
        if (d.LastHospitalVisit is { } visit)
        {
            v.Text("LastHospitalVisit.Where", visit.Where, 200, required: true);
            v.Text("LastHospitalVisit.Why", visit.Why, 500, required: false);
            if (visit.Discharged < visit.Admitted)
            {
                v.Add("LastHospitalVisit.Discharged", Rules.EndBeforeStart, "discharge cannot be before admission");
            }
        }

        Each(d.OtherTreatments, "OtherTreatments", (t, at) =>
        {
            v.Text($"{at}.Name", t.Name, 200, required: true);
            v.Text($"{at}.Details", t.Details, MaxText, required: false);
        });
        Each(d.Supports, "Supports", (s, at) =>
        {
            v.Text($"{at}.Provider", s.Provider, 200, required: true);
            v.Text($"{at}.Service", s.Service, 200, required: true);
            v.Text($"{at}.Frequency", s.Frequency, 100, required: false);
        });
        Each(d.Appointments, "Appointments", (a, at) =>
        {
            v.Text($"{at}.With", a.With, 200, required: true);
            v.Text($"{at}.Where", a.Where, 200, required: false);
        });
        v.ThrowIfAny();
    }

    /// <summary>ICD-10-CA: a letter, two digits, an optional dotted extension. SNOMED CT: 6 to 18 digits ending in a Verhoeff check digit.</summary>
    public static bool IsKnownCodeFormat(CodeSystem system, string? code) => system switch
    {
        CodeSystem.Icd10Ca => code is not null && Icd10CaPattern().IsMatch(code),
        CodeSystem.SnomedCt => code is { Length: >= 6 and <= 18 } && code.All(char.IsAsciiDigit) && Verhoeff.IsValid(code),
        _ => false,
    };

    private static void NotBeforePlan(Violations v, string field, DateOnly? date, DateOnly planCreated)
    {
        if (date < planCreated)
        {
            v.Add(field, Rules.DateBeforePlan, "cannot be before the plan was created");
        }
    }

    private static void Each<T>(IReadOnlyList<T> items, string name, Action<T, string> check)
    {
        for (var i = 0; i < items.Count; i++)
        {
            check(items[i], $"{name}[{i}]");
        }
    }

    [GeneratedRegex(@"^[A-Z][0-9]{2}(\.?[0-9A-Z]{1,4})?$")]
    private static partial Regex Icd10CaPattern();
}
