namespace HealthLinks.Domain;

/// <summary>One medicine as the sources report it: several entries when several sources (pharmacies, hospital, the patient) list it.</summary>
public sealed record MedicationGroup(string Name, IReadOnlyList<Medication> Entries, IReadOnlyList<string> Disagreements)
{
    public bool SourcesDisagree => Disagreements.Count > 0;
}

/// <summary>
/// The medication review: groups the list by medicine, shows where the sources disagree (for example two pharmacies
/// with different doses), and turns the reviewer's decisions into one reconciled list, keeping each decision and why.
/// </summary>
public static class MedicationReconciliation
{
    /// <summary>The fields that, when sources differ on them, need a decision.</summary>
    public static readonly string[] Compared = [nameof(Medication.Dose), nameof(Medication.Frequency)];

    public static IReadOnlyList<MedicationGroup> Groups(IEnumerable<Medication> medications) =>
        medications
            .GroupBy(m => Key(m.Name))
            .Select(g => new MedicationGroup(g.First().Name.Trim(), g.ToList(), Compared.Where(field => g.Select(m => Key(Value(m, field))).Distinct().Count() > 1).ToList()))
            .ToList();

    /// <summary>A decision for each medicine, prefilled from its first source, for the reviewer to confirm or change.</summary>
    public static List<MedicationDecision> Proposals(IEnumerable<Medication> medications) =>
        Groups(medications).Select(g => new MedicationDecision
        {
            Medication = g.Name,
            Dose = g.Entries[0].Dose,
            Frequency = g.Entries[0].Frequency,
            SourcesDisagreed = g.SourcesDisagree,
            SourcesConsidered = g.Entries.Select(Describe).ToList(),
        }).ToList();

    /// <summary>
    /// The plan after the review: each decided medicine becomes one entry (none if stopped), marked reconciled on the
    /// review date; medicines the review did not cover are left as they were. The review itself is appended.
    /// </summary>
    public static CarePlanDocument Apply(CarePlanDocument document, MedicationReview review, DateOnly today)
    {
        Check(review, today);
        var groups = Groups(document.Medications).ToDictionary(g => Key(g.Name));
        var decided = review.Decisions.ToDictionary(d => Key(d.Medication));
        var medications = new List<Medication>();
        foreach (var group in groups.Values)
        {
            if (!decided.TryGetValue(Key(group.Name), out var decision))
            {
                medications.AddRange(group.Entries);
            }
            else if (decision.Decision != MedicationDecisionKind.Stop)
            {
                // Keep what the reviewer did not decide (prescriber, pharmacy, purpose) from the source that matches the decision best.
                var basis = group.Entries.FirstOrDefault(m => Key(m.Dose) == Key(decision.Dose) && Key(m.Frequency) == Key(decision.Frequency)) ?? group.Entries[0];
                medications.Add(basis with { Id = Guid.NewGuid(), Name = group.Name, Dose = decision.Dose, Frequency = decision.Frequency, ReconciledOn = review.ReviewedOn });
            }
        }

        return document with { Medications = medications, MedicationReviews = [.. document.MedicationReviews, review] };
    }

    public static string Describe(Medication m) =>
        $"{(string.IsNullOrWhiteSpace(m.Source) ? "?" : m.Source.Trim())}: {string.Join(", ", new[] { m.Dose, m.Frequency }.Where(x => !string.IsNullOrWhiteSpace(x)))}";

    private static void Check(MedicationReview review, DateOnly today)
    {
        var v = new Violations();
        v.Text(nameof(MedicationReview.ReviewedBy), review.ReviewedBy, 200, required: true);
        v.Text(nameof(MedicationReview.Notes), review.Notes, CarePlanRules.MaxText, required: false);
        if (review.ReviewedOn > today)
        {
            v.Add(nameof(MedicationReview.ReviewedOn), Rules.DateInFuture, "a review cannot be dated in the future");
        }

        if (review.Decisions.Count == 0)
        {
            v.Add(nameof(MedicationReview.Decisions), Rules.NothingToReview, "the plan lists no medication to review");
        }

        for (var i = 0; i < review.Decisions.Count; i++)
        {
            var d = review.Decisions[i];
            var at = $"Decisions[{i}]";
            var needsReason = d.SourcesDisagreed || d.Decision != MedicationDecisionKind.Continue;
            v.Text($"{at}.Reason", d.Reason, 1000, required: needsReason);
            if (d.Decision != MedicationDecisionKind.Stop && string.IsNullOrWhiteSpace(d.Dose) && string.IsNullOrWhiteSpace(d.Frequency) && d.SourcesDisagreed)
            {
                v.Add($"{at}.Dose", Rules.Required, "say which dose and frequency are right");
            }
        }

        v.ThrowIfAny();
    }

    private static string? Value(Medication m, string field) => field == nameof(Medication.Dose) ? m.Dose : m.Frequency;

    // "Metformin " and "metformin" are the same medicine; "500 mg" and "500mg" the same dose.
    private static string Key(string? text) => SearchText.Fold(text ?? "").Replace(" ", "", StringComparison.Ordinal);
}
