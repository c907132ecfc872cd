using Bogus;

using HealthLinks.Domain;

namespace HealthLinks.Demo;

/// <summary>Medications that fit each template, as the patient's pharmacy lists them; some hospital discharges disagree on a dose.</summary>
internal static class DemoMedications
{
    private sealed record Drug(string Name, string Dose, string OtherDose, string En, string Fr, string PurposeEn, string PurposeFr);

    private static readonly Dictionary<string, Drug[]> ByTemplate = new()
    {
        ["heart-failure"] = [new("Furosemide", "40 mg", "20 mg", "once a day", "une fois par jour", "Heart failure: fluid", "Insuffisance cardiaque : liquides"), new("Bisoprolol", "5 mg", "2.5 mg", "once a day", "une fois par jour", "Heart", "Cœur")],
        ["copd"] = [new("Tiotropium inhaler", "2.5 mcg, 2 puffs", "18 mcg, 1 capsule", "once a day", "une fois par jour", "Breathing", "Respiration")],
        ["diabetes"] = [new("Metformin", "500 mg", "850 mg", "twice a day", "deux fois par jour", "Blood sugar", "Glycémie")],
        ["dementia"] = [new("Donepezil", "5 mg", "10 mg", "at bedtime", "au coucher", "Memory", "Mémoire")],
        ["mental-health-addictions"] = [new("Sertraline", "50 mg", "100 mg", "once a day", "une fois par jour", "Mood", "Humeur")],
        ["frailty-falls"] = [new("Vitamin D", "1000 IU", "2000 IU", "once a day", "une fois par jour", "Bones", "Os")],
    };

    public static List<Medication> For(IEnumerable<string> templates, string pharmacy, bool french, Randomizer r)
    {
        var list = templates.SelectMany(t => ByTemplate.GetValueOrDefault(t, []))
            .Select(d => new Medication { Name = d.Name, Dose = d.Dose, Frequency = french ? d.Fr : d.En, Purpose = french ? d.PurposeFr : d.PurposeEn, Pharmacy = pharmacy, Source = pharmacy })
            .ToList();
        if (list.Count > 0 && r.Bool(0.4f))
        {
            var first = list[0];
            var drug = ByTemplate.Values.SelectMany(d => d).First(d => d.Name == first.Name);
            list.Add(first with { Id = Guid.NewGuid(), Dose = drug.OtherDose, Pharmacy = null, Source = french ? "Résumé de congé de l'hôpital" : "Hospital discharge summary" });
        }

        return list;
    }

    /// <summary>The pharmacist confirms the pharmacy's list with the family physician.</summary>
    public static CarePlanDocument Reviewed(CarePlanDocument document, string by, DateOnly on, bool french)
    {
        var decisions = MedicationReconciliation.Proposals(document.Medications);
        foreach (var d in decisions.Where(d => d.SourcesDisagreed))
        {
            d.Reason = french ? "Confirmé avec le médecin de famille : la dose de la pharmacie est la bonne." : "Confirmed with the family physician: the pharmacy's dose is right.";
        }

        return MedicationReconciliation.Apply(document, new MedicationReview { ReviewedBy = by, ReviewedOn = on, Decisions = decisions }, on);
    }
}
