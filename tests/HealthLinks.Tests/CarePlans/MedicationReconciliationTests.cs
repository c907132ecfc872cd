using HealthLinks.Domain;

namespace HealthLinks.Tests.CarePlans;

public class MedicationReconciliationTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static CarePlanDocument TwoPharmacies() => new()
    {
        Medications =
        [
            new Medication { Name = "Metformin", Dose = "500 mg", Frequency = "twice a day", Prescriber = "Dr. Abbott", Pharmacy = "Bank Street Pharmacy", Source = "Bank Street Pharmacy" },
            new Medication { Name = "metformin ", Dose = "850 mg", Frequency = "twice a day", Pharmacy = "Rideau Pharmacy", Source = "Rideau Pharmacy" },
            new Medication { Name = "Vitamin D", Dose = "1000 IU", Frequency = "once a day", Source = "Patient" },
            new Medication { Name = "Vitamin D", Dose = "1000IU", Frequency = "Once a day", Source = "Bank Street Pharmacy" },
        ],
    };

    [Fact]
    public void Groups_ShowWhereSourcesDisagree_IgnoringCaseAndSpacing()
    {
        var groups = MedicationReconciliation.Groups(TwoPharmacies().Medications);
        Assert.Equal(2, groups.Count);
        var metformin = groups.Single(g => g.Name == "Metformin");
        Assert.Equal(2, metformin.Entries.Count);
        Assert.Equal(["Dose"], metformin.Disagreements);
        Assert.False(groups.Single(g => g.Name == "Vitamin D").SourcesDisagree);
    }

    [Fact]
    public void Applying_MakesOneReconciledEntryPerMedicine_AndKeepsTheDecisions()
    {
        var document = TwoPharmacies();
        var decisions = MedicationReconciliation.Proposals(document.Medications);
        var metformin = decisions.Single(d => d.Medication == "Metformin");
        Assert.True(metformin.SourcesDisagreed);
        Assert.Equal(["Bank Street Pharmacy: 500 mg, twice a day", "Rideau Pharmacy: 850 mg, twice a day"], metformin.SourcesConsidered);
        (metformin.Decision, metformin.Dose, metformin.Reason) = (MedicationDecisionKind.Change, "850 mg", "Dr. Abbott raised the dose in October; Bank Street has the old prescription");

        var after = MedicationReconciliation.Apply(document, new MedicationReview { ReviewedBy = "P. Pharmacist", ReviewedOn = Today, Decisions = decisions }, Today);

        Assert.Equal(2, after.Medications.Count);
        var reconciled = after.Medications.Single(m => m.Name == "Metformin");
        Assert.Equal(("850 mg", Today), (reconciled.Dose, reconciled.ReconciledOn));
        Assert.Equal("Rideau Pharmacy", reconciled.Source); // the source whose entry matches the decision
        var review = Assert.Single(after.MedicationReviews);
        Assert.Equal("P. Pharmacist", review.ReviewedBy);
        Assert.Contains(review.Decisions, d => d.Reason!.Contains("October", StringComparison.Ordinal));
        Assert.Equal(4, document.Medications.Count); // the document reviewed is not changed
    }

    [Fact]
    public void Stopping_RemovesTheMedicine()
    {
        var document = TwoPharmacies();
        var decisions = MedicationReconciliation.Proposals(document.Medications);
        foreach (var d in decisions)
        {
            (d.Decision, d.Reason) = (MedicationDecisionKind.Stop, "No longer needed");
        }

        var after = MedicationReconciliation.Apply(document, new MedicationReview { ReviewedBy = "Dr. Abbott", ReviewedOn = Today, Decisions = decisions }, Today);
        Assert.Empty(after.Medications);
        Assert.All(after.MedicationReviews[0].Decisions, d => Assert.Equal(MedicationDecisionKind.Stop, d.Decision));
    }

    [Fact]
    public void AMedicineTheReviewDidNotCover_IsLeftAsItWas()
    {
        var document = TwoPharmacies();
        var decisions = MedicationReconciliation.Proposals(document.Medications).Where(d => d.Medication == "Vitamin D").ToList();
        var after = MedicationReconciliation.Apply(document, new MedicationReview { ReviewedBy = "Dr. Abbott", ReviewedOn = Today, Decisions = decisions }, Today);
        Assert.Equal(2, after.Medications.Count(m => m.Name.Trim().Equals("metformin", StringComparison.OrdinalIgnoreCase)));
        Assert.Single(after.Medications, m => m.Name == "Vitamin D" && m.ReconciledOn == Today);
    }

    [Fact]
    public void DisagreeingSources_NeedAReason_AndNothingChanges()
    {
        var document = TwoPharmacies();
        var review = new MedicationReview { ReviewedBy = "", ReviewedOn = Today.AddDays(1), Decisions = MedicationReconciliation.Proposals(document.Medications) };
        var e = Assert.Throws<DomainRuleException>(() => MedicationReconciliation.Apply(document, review, Today));
        Assert.Contains(e.Violations, v => v is { Field: "ReviewedBy", Code: Rules.Required });
        Assert.Contains(e.Violations, v => v is { Field: "ReviewedOn", Code: Rules.DateInFuture });
        Assert.Contains(e.Violations, v => v is { Field: "Decisions[0].Reason", Code: Rules.Required });
        Assert.DoesNotContain(e.Violations, v => v.Field == "Decisions[1].Reason"); // Vitamin D sources agree: continuing needs no reason
        Assert.Empty(document.MedicationReviews);
    }

    [Fact]
    public void AReviewWithNothingToReview_IsRefused()
    {
        var e = Assert.Throws<DomainRuleException>(() =>
            MedicationReconciliation.Apply(new CarePlanDocument(), new MedicationReview { ReviewedBy = "x", ReviewedOn = Today }, Today));
        Assert.Equal(Rules.NothingToReview, e.Violations[0].Code);
    }
}
