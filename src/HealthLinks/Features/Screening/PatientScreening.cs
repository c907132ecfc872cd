using System.Runtime.CompilerServices;

using HealthLinks.Domain;
using HealthLinks.Features.Population;
using HealthLinks.Features.Risk;

using static HealthLinks.Features.Screening.ScreenPopulation;

namespace HealthLinks.Features.Screening;

/// <summary>
/// One patient's screening as of a date: the counts over the 12 months before it, the criteria met, LACE for a recent
/// discharge, the risk score, and for a flagged patient the encounters and conditions behind it. One pass over the
/// patient's encounters feeds all of it. Safe to call from several threads, each with its own scratch.
/// </summary>
internal sealed class PatientScreening(PopulationSnapshot population, DateOnly asOf, ScreeningCriteria criteria, HashSet<PatientId> open, RiskScorer? scorer)
{
    private const int MinutesPerDay = 24 * 60;

    private static readonly int FrailtyMajor = Mask(ChronicConditions.FrailtyMajor);
    private static readonly int FrailtyMinor = Mask(ChronicConditions.FrailtyMinor);

    private readonly RiskFeatures.Window window = new(asOf.AddYears(-1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), asOf.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    /// <summary>Per reason text: whether it is pregnancy-related, so the visit does not count toward utilization.</summary>
    private readonly bool[] excluded = population.Reasons.Select(criteria.IsPregnancyRelated).ToArray();

    /// <summary>The patients of a Health Link who were born and alive on the as-of date.</summary>
    public int[] Members(Guid healthLink) => Enumerable.Range(0, population.Count)
        .Where(p => population.HealthLinkOf[p] == healthLink && population.Born[p] <= asOf && (population.Died[p] is not { } died || died >= asOf))
        .ToArray();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Screened Screen(int patient, RiskFeatures.Scratch scratch)
    {
        var age = RiskFeatures.Age(population.Born[patient], asOf);
        var tally = RiskFeatures.Count(population, patient, window.Start, window.End, excluded, scratch);
        var (ed, admissions) = age >= 1 ? (tally.CountedEd, tally.CountedAdmissions) : (0, 0);
        var groups = RiskFeatures.Groups(population, patient, asOf, includeResolved: false);
        var chronic = RiskFeatures.GroupCount(groups);
        List<string>? met = null;
        if (chronic >= criteria.MinChronicConditions)
        {
            (met ??= []).Add(ScreeningCriterion.ChronicConditions);
        }

        if (age >= criteria.FrailAge && tally.HomeCare > 0 && ((groups & FrailtyMajor) != 0 || RiskFeatures.GroupCount(groups & FrailtyMinor) >= 2))
        {
            (met ??= []).Add(ScreeningCriterion.FrailElderly);
        }

        if (criteria.MeetsUtilization(ed, admissions))
        {
            (met ??= []).Add(ScreeningCriterion.Utilization);
        }

        if (criteria.UseSocialComplexity && HasSocialDeterminant(patient))
        {
            (met ??= []).Add(ScreeningCriterion.SocialComplexity);
        }

        if (tally.Distinct >= criteria.ManyProviders)
        {
            (met ??= []).Add(ScreeningCriterion.ManyProviders);
        }

        var visits = population.VisitsOf(patient);
        (Lace Index, DateOnly Discharged)? lace = tally.LatestStay >= 0 ? Lace(patient, visits, visits[tally.LatestStay]) : null;
        RiskScorer.PatientScore? score = null;
        if (scorer is not null)
        {
            Span<float> features = stackalloc float[RiskFeatures.Length];
            RiskFeatures.Fill(features, population, patient, window, tally);
            score = scorer.Score(features, withDrivers: met is not null);
        }

        var id = population.Patients[patient];
        return new Screened(
            id, population.HealthLinkOf[patient], population.SourceIdsOf(patient), age, ed, admissions, chronic, tally.Distinct,
            met ?? [], met is not null || lace is not null ? Evidence(patient, visits, lace, age) : [], !open.Contains(id),
            tally.Last == PopulationSnapshot.NoTime ? null : PopulationSnapshot.Time(tally.Last))
        {
            Lace = lace?.Index,
            Score = score?.Probability,
            Drivers = score?.Drivers ?? [],
        };
    }

    private bool Counts(PopulationSnapshot.Visit v) => v.Reason < 0 || !excluded[v.Reason];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool HasSocialDeterminant(int patient)
    {
        foreach (var d in population.DiagnosesOf(patient))
        {
            var code = population.Codes[d.Code];
            if (code.Group < 0 && code.Social && Held(d))
            {
                return true;
            }
        }

        return false;
    }

    private bool Held(PopulationSnapshot.Diagnosis d) => !d.Resolved && (d.Onset == PopulationSnapshot.NoTime || d.Onset < asOf.DayNumber);

    /// <summary>LACE of a stay: its length, whether it came through the ED, the comorbidities held, and ED visits in the 6 months before.</summary>
    private (Lace Index, DateOnly Discharged) Lace(int patient, ReadOnlySpan<PopulationSnapshot.Visit> visits, PopulationSnapshot.Visit stay)
    {
        var sixMonths = PopulationSnapshot.Minutes(PopulationSnapshot.Time(stay.Start).AddMonths(-6));
        var throughEd = false;
        var before = 0;
        foreach (var v in visits)
        {
            if (v.Kind == EncounterKind.EmergencyVisit && v.Start <= stay.Start && v.Start >= sixMonths)
            {
                throughEd |= v.Start >= stay.Start - MinutesPerDay;
                before += v.Start < stay.Start - MinutesPerDay ? 1 : 0;
            }
        }

        var comorbidities = new List<LaceComorbidity>();
        foreach (var d in population.DiagnosesOf(patient))
        {
            if (population.Codes[d.Code].Lace is { } c && Held(d))
            {
                comorbidities.Add(c);
            }
        }

        var days = (int)Math.Ceiling((stay.End - stay.Start) / (double)MinutesPerDay);
        return (Domain.Lace.Of(days, throughEd, comorbidities, before), DateOnly.FromDateTime(PopulationSnapshot.Time(stay.End)));
    }

    /// <summary>The ED visits and admissions behind the counts, then LACE, then the conditions held.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<Evidence> Evidence(int patient, ReadOnlySpan<PopulationSnapshot.Visit> visits, (Lace Index, DateOnly Discharged)? lace, int age)
    {
        var evidence = new List<Evidence>();
        var (start, end) = (window.Start, window.End);
        foreach (var v in visits)
        {
            if (v.Start >= end)
            {
                break;
            }

            if (v.Start >= start && age >= 1 && Counts(v) && v.Kind is EncounterKind.EmergencyVisit or EncounterKind.InpatientStay)
            {
                var what = v.Reason < 0 ? "" : population.Reasons[v.Reason];
                evidence.Add(new Evidence(v.Kind == EncounterKind.EmergencyVisit ? "ed-visit" : "admission", DateOnly.FromDateTime(PopulationSnapshot.Time(v.Start)), what));
            }
        }

        if (lace is { } l)
        {
            var i = l.Index;
            evidence.Add(new Evidence("lace", l.Discharged, $"LACE {i.Total}: L {i.LengthOfStay} · A {i.Acuity} · C {i.Comorbidity} · E {i.EdVisits}"));
        }

        foreach (var d in population.DiagnosesOf(patient))
        {
            var code = population.Codes[d.Code];
            if (Held(d) && (code.Group >= 0 || code.Social))
            {
                evidence.Add(new Evidence("condition", d.Onset == PopulationSnapshot.NoTime ? null : DateOnly.FromDayNumber(d.Onset), code.Display, code.Code));
            }
        }

        return evidence;
    }

    private static int Mask(IEnumerable<string> keys) =>
        keys.Select(k => ChronicConditions.Default.Select(g => g.Key).ToList().IndexOf(k)).Aggregate(0, (mask, i) => mask | (1 << i));
}
