using System.Numerics;
using System.Runtime.CompilerServices;

using HealthLinks.Domain;

namespace HealthLinks.Features.Population;

/// <summary>
/// What the cost-risk model learns from, per patient, over a 12-month window: age, sex, condition groups, ED visits,
/// admissions, acute days, distinct providers and cost. Cost comes from imported claims; a patient with none (the demo
/// population) gets an estimate from their encounters at typical Ontario unit costs. Read from the population snapshot
/// in the same pass screening makes (<see cref="Count"/>), so training, scoring and screening count alike.
/// </summary>
public static class RiskFeatures
{
    public const int Length = 7 + 19;

    public static IReadOnlyList<string> Names { get; } =
        ["age", "female", "ed-visits", "admissions", "acute-days", "distinct-providers", "prior-cost", .. ChronicConditions.Default.Select(g => g.Key)];

    /// <summary>Estimated unit costs in CAD, used only when a patient has no cost records.</summary>
    private const double EdVisit = 450, InpatientDay = 1100, Ambulatory = 120, HomeCare = 90, OtherVisit = 60;

    /// <summary>An encounter's estimated cost in CAD (an inpatient stay's by its days), for a patient with no cost records.</summary>
    public static double EstimatedCost(EncounterKind kind, double days) => kind switch
    {
        EncounterKind.EmergencyVisit => EdVisit,
        EncounterKind.InpatientStay => InpatientDay * days,
        EncounterKind.HomeCareVisit => HomeCare,
        EncounterKind.AmbulatoryVisit => Ambulatory,
        _ => OtherVisit,
    };

    private const int MinutesPerDay = 24 * 60;

    public sealed record Window(DateTime From, DateTime To)
    {
        public int Start => PopulationSnapshot.Minutes(From);

        public int End => PopulationSnapshot.Minutes(To);
    }

    /// <summary>
    /// One patient's use of care in a window, from one pass over their encounters. "Counted" visits leave out those whose
    /// reason is excluded (pregnancy, for screening). The latest stay is the last admission discharged in the 30 days before the end.
    /// </summary>
    public record struct Tally(int Ed, int Admissions, int CountedEd, int CountedAdmissions, int HomeCare, int Distinct, double AcuteDays, double EstimatedCost, int Last, int LatestStay);

    /// <summary>Scratch space for one thread: the distinct providers and places seen, without a hash set for the usual few.</summary>
    public sealed class Scratch
    {
        private readonly int[] few = new int[64];
        private readonly HashSet<int> many = [];
        private int count;

        public int Distinct => many.Count > 0 ? many.Count : count;

        public void Clear()
        {
            count = 0;
            many.Clear();
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(int key)
        {
            if (many.Count > 0)
            {
                many.Add(key);
                return;
            }

            if (Array.IndexOf(few, key, 0, count) >= 0)
            {
                return;
            }

            if (count < few.Length)
            {
                few[count++] = key;
                return;
            }

            many.UnionWith(few);
            many.Add(key);
        }
    }

    // The hot paths of screening are compiled optimized at once: while every core screens, the tiered JIT's background
    // recompilation gets no time, and a million patients would run through unoptimized code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Tally Count(PopulationSnapshot population, int patient, int start, int end, bool[]? excludedReasons, Scratch scratch)
    {
        scratch.Clear();
        var t = new Tally { Last = PopulationSnapshot.NoTime, LatestStay = -1 };
        var visits = population.VisitsOf(patient);
        var stayEnd = int.MinValue;
        for (var i = 0; i < visits.Length; i++)
        {
            var v = visits[i];
            if (v.Start >= end)
            {
                break;
            }

            t.Last = v.Start;
            if (v.Kind == EncounterKind.InpatientStay && v.End != PopulationSnapshot.NoTime && v.End >= end - (30 * MinutesPerDay) && v.End < end && v.End > stayEnd)
            {
                (t.LatestStay, stayEnd) = (i, v.End);
            }

            if (v.Start < start)
            {
                continue;
            }

            var counted = v.Reason < 0 || excludedReasons is null || !excludedReasons[v.Reason];
            switch (v.Kind)
            {
                case EncounterKind.EmergencyVisit:
                    t.Ed++;
                    t.CountedEd += counted ? 1 : 0;
                    t.EstimatedCost += EdVisit;
                    break;
                case EncounterKind.InpatientStay:
                    t.Admissions++;
                    t.CountedAdmissions += counted ? 1 : 0;
                    t.AcuteDays += Days(v);
                    t.EstimatedCost += InpatientDay * Days(v);
                    break;
                case EncounterKind.HomeCareVisit:
                    t.HomeCare++;
                    t.EstimatedCost += HomeCare;
                    break;
                case EncounterKind.AmbulatoryVisit:
                    t.EstimatedCost += Ambulatory;
                    break;
                default:
                    t.EstimatedCost += OtherVisit;
                    break;
            }

            // Distinct providers and places are counted together: a provider as itself, a place as its complement.
            if (v.Provider >= 0)
            {
                scratch.Add(v.Provider);
            }

            if (v.Facility >= 0)
            {
                scratch.Add(~v.Facility);
            }
        }

        t.Distinct = scratch.Distinct;
        return t;
    }

    /// <summary>The features in the order of <see cref="Names"/>, for a window ending on the as-of date.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fill(Span<float> values, PopulationSnapshot population, int patient, Window window, in Tally tally)
    {
        var asOf = DateOnly.FromDateTime(window.To);
        values[0] = Age(population.Born[patient], asOf);
        values[1] = population.Female[patient] ? 1 : 0;
        values[2] = tally.Ed;
        values[3] = tally.Admissions;
        values[4] = (float)tally.AcuteDays;
        values[5] = tally.Distinct;
        values[6] = (float)Math.Log(1 + (population.Billed[patient] ? Claims(population, patient, window) : tally.EstimatedCost));
        var groups = Groups(population, patient, asOf, includeResolved: true);
        for (var i = 0; i < ChronicConditions.Default.Count; i++)
        {
            values[7 + i] = (groups >> i) & 1;
        }
    }

    public static float[] Of(PopulationSnapshot population, int patient, Window window, Scratch? scratch = null)
    {
        var values = new float[Length];
        Fill(values, population, patient, window, Count(population, patient, window.Start, window.End, null, scratch ?? new Scratch()));
        return values;
    }

    /// <summary>The patient's cost in the window: their claims, or an estimate from their encounters when they have no cost records at all.</summary>
    public static double Cost(PopulationSnapshot population, int patient, Window window, Scratch scratch) =>
        population.Billed[patient] ? Claims(population, patient, window) : Count(population, patient, window.Start, window.End, null, scratch).EstimatedCost;

    /// <summary>The chronic condition groups a patient has as of a date, one bit each in the order of the default list.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Groups(PopulationSnapshot population, int patient, DateOnly asOf, bool includeResolved)
    {
        var groups = 0;
        foreach (var d in population.DiagnosesOf(patient))
        {
            var group = population.Codes[d.Code].Group;
            if (group >= 0 && (d.Onset == PopulationSnapshot.NoTime || d.Onset < asOf.DayNumber) && (includeResolved || !d.Resolved))
            {
                groups |= 1 << group;
            }
        }

        return groups;
    }

    public static int GroupCount(int groups) => BitOperations.PopCount((uint)groups);

    public static double Days(PopulationSnapshot.Visit v) => Math.Max(1, Math.Ceiling(((v.End == PopulationSnapshot.NoTime ? v.Start : v.End) - v.Start) / (double)MinutesPerDay));

    public static int Age(DateOnly born, DateOnly on) => on.Year - born.Year - (born.AddYears(on.Year - born.Year) > on ? 1 : 0);

    private static double Claims(PopulationSnapshot population, int patient, Window window)
    {
        var (start, end) = (window.Start, window.End);
        double total = 0;
        foreach (var c in population.ChargesOf(patient))
        {
            total += c.At >= start && c.At < end ? c.Amount : 0;
        }

        return total;
    }
}
