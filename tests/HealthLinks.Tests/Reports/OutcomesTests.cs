using HealthLinks.Features.Reports.Outcomes;

using MathNet.Numerics.Distributions;

namespace HealthLinks.Tests.Reports;

/// <summary>
/// The outcome statistics on a synthetic population where the answer is planted: sicker, older patients with more
/// emergency visits are likelier to be enrolled (confounding), and enrollment cuts emergency visits by 25% (or not at all).
/// </summary>
public sealed class OutcomesTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly Guid[] HealthLinks = [Guid.NewGuid(), Guid.NewGuid()];

    private static List<Subject> Population(double plantedRatio, int seed, int size = 6000)
    {
        var random = new Random(seed);
        var people = new List<Subject>();
        for (var i = 0; i < size; i++)
        {
            var age = 50 + (random.NextDouble() * 45);
            var female = random.NextDouble() < 0.55 ? 1.0 : 0.0;
            var conditions = Poisson.Sample(random, 2.0);
            var frailty = (0.02 * (age - 70)) + (0.25 * conditions);
            var baseline = Math.Exp(-0.5 + frailty); // emergency visits in six months
            var before = Poisson.Sample(random, baseline);
            var enrolled = random.NextDouble() < 1 / (1 + Math.Exp(-(-2.0 + (0.8 * frailty) + (0.15 * before))));
            var after = Poisson.Sample(random, baseline * (enrolled ? plantedRatio : 1.0));
            people.Add(new Subject(HealthLinks[i % 2], enrolled, [age, female, conditions, before], new Dictionary<string, (double, double)> { ["ed"] = (before, after) }));
        }

        return people;
    }

    private static (Effect Effect, IReadOnlyList<Matching.Pair> Pairs) Analyse(List<Subject> people)
    {
        var propensity = Propensity.Fit([.. people.Select(p => p.Covariates)], [.. people.Select(p => p.Enrolled)]);
        var pairs = Matching.Nearest(people, propensity);
        return (Effect.Of(pairs, "ed", 0.5), pairs);
    }

    [Fact]
    public void APlanted25PercentFallInEmergencyVisits_IsInsideTheInterval()
    {
        var (effect, _) = Analyse(Population(0.75, seed: 11));
        output.WriteLine($"{effect.Pairs} pairs; rate ratio {effect.RateRatio:F3} ({effect.Lower:F3}–{effect.Upper:F3}); difference-in-differences {effect.DifferenceInDifferences:F3} visits per patient-year");
        Assert.False(effect.TooSmall);
        Assert.InRange(0.75, effect.Lower, effect.Upper);
        Assert.True(effect.Upper < 1, $"the interval {effect.Lower:F2}–{effect.Upper:F2} should exclude no effect");
        Assert.True(effect.DifferenceInDifferences < 0);
    }

    [Fact]
    public void WithNoPlantedEffect_TheIntervalContainsOne()
    {
        var (effect, _) = Analyse(Population(1.0, seed: 12));
        output.WriteLine($"{effect.Pairs} pairs; rate ratio {effect.RateRatio:F3} ({effect.Lower:F3}–{effect.Upper:F3})");
        Assert.InRange(1.0, effect.Lower, effect.Upper);
    }

    [Fact]
    public void AfterMatching_EveryCovariateIsBalanced_AndPairsShareAHealthLink()
    {
        var people = Population(0.75, seed: 13);
        var (_, pairs) = Analyse(people);
        Assert.All(pairs, p => Assert.Equal(p.Enrolled.HealthLinkId, p.Control.HealthLinkId));
        Assert.Equal(pairs.Count, pairs.Select(p => p.Control).Distinct().Count()); // without replacement
        for (var j = 0; j < 4; j++)
        {
            var before = Matching.StandardizedDifference([.. people.Where(p => p.Enrolled).Select(p => p.Covariates[j])], [.. people.Where(p => !p.Enrolled).Select(p => p.Covariates[j])]);
            var after = Matching.StandardizedDifference([.. pairs.Select(p => p.Enrolled.Covariates[j])], [.. pairs.Select(p => p.Control.Covariates[j])]);
            output.WriteLine($"covariate {j}: standardized difference {before:F3} before matching, {after:F3} after");
            Assert.True(Math.Abs(after) < 0.1, $"covariate {j}: {before:F3} before matching, {after:F3} after");
        }
    }

    [Fact]
    public void ASmallGroup_IsSaidToBeTooSmall()
    {
        var (effect, _) = Analyse(Population(0.75, seed: 14, size: 120));
        Assert.True(effect.TooSmall);
    }

    private static Subject Person(bool enrolled, params (string Measure, double Before, double After)[] measures) =>
        new(HealthLinks[0], enrolled, [0], measures.ToDictionary(m => m.Measure, m => (m.Before, m.After)));

    [Fact]
    public void AShare_IsComparedInPercentagePoints_WithAnIntervalAroundTheDifference()
    {
        // 40 pairs. Enrolled: 20 of 40 discharges followed up before, 32 of 40 after; controls: 20 of 40, then 20 of 40.
        var pairs = Enumerable.Range(0, 40).Select(i => new Matching.Pair(
            Person(true, ("followed", i < 20 ? 1 : 0, i < 32 ? 1 : 0), ("discharges", 1, 1)),
            Person(false, ("followed", i < 20 ? 1 : 0, i < 20 ? 1 : 0), ("discharges", 1, 1)), 0)).ToList();
        var effect = Effect.Share(pairs, "followed", "discharges");
        Assert.Equal(EffectKind.Share, effect.Kind);
        Assert.Equal((50, 80, 50, 50), (effect.EnrolledBefore, effect.EnrolledAfter, effect.ControlBefore, effect.ControlAfter));
        Assert.Equal(30, effect.DifferenceInDifferences, 6);
        var se = Math.Sqrt((3 * 50 * 50 / 40.0) + (80 * 20 / 40.0));
        Assert.Equal(30 - (1.96 * se), effect.Lower, 6);
        Assert.Equal(30 + (1.96 * se), effect.Upper, 6);
        Assert.True(double.IsNaN(effect.RateRatio));
        Assert.False(effect.TooSmall);
    }

    [Fact]
    public void AnAmount_GetsThePairsOwnDifferenceInterval()
    {
        // Each pair: the enrolled patient's cost falls by 1,000 or 3,000 over six months, the control's does not change.
        var pairs = Enumerable.Range(0, 40).Select(i => new Matching.Pair(
            Person(true, ("cost", 5000, i % 2 == 0 ? 4000 : 2000)), Person(false, ("cost", 5000, 5000)), 0)).ToList();
        var effect = Effect.Of(pairs, "cost", 0.5, counts: false);
        Assert.Equal(EffectKind.Amount, effect.Kind);
        Assert.Equal(-4000, effect.DifferenceInDifferences, 6);    // per patient-year: −2,000 in six months
        var se = Math.Sqrt(40 * 2000.0 * 2000 / 39 / 40);         // the pairs' differences per year: −2,000 or −6,000
        Assert.Equal(-4000 - (1.96 * se), effect.Lower, 6);
        Assert.Equal(-4000 + (1.96 * se), effect.Upper, 6);
    }
}
