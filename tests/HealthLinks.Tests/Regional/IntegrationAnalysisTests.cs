using HealthLinks.Features.Regional;
using HealthLinks.Features.Reports;

using static HealthLinks.Features.Regional.IntegrationAnalysis;

namespace HealthLinks.Tests.Regional;

/// <summary>The analysis on small data worked out by hand (the arithmetic is in each test's comments).</summary>
public sealed class IntegrationAnalysisTests
{
    private static readonly Quarter Q3 = new(2026, 3);
    private static readonly string[] Names = ["N1", "N2", "N3", "N4", "P1", "P2", "P4"];
    private static readonly Category A = new(Guid.NewGuid(), "A", "AssistedLiving"), B = new(Guid.NewGuid(), "B", null), C = new(Guid.NewGuid(), "C", null);

    private static IntegrationAnalysis.Data Three(params Volume[] extra)
    {
        var volumes = new List<Volume>
        {
            // A: cost per individual 100, 200, 300.
            new(Q3, Guid.NewGuid(), A.Id, 1000, 10, 20),
            new(Q3, Guid.NewGuid(), A.Id, 2000, 10, 40),
            new(Q3, Guid.NewGuid(), A.Id, 3000, 10, 60),

            // B: two alike (no variation); C: one provider (variation unknown).
            new(Q3, Guid.NewGuid(), B.Id, 4000, 40, 40),
            new(Q3, Guid.NewGuid(), B.Id, 4000, 40, 40),
            new(Q3, Guid.NewGuid(), C.Id, 1000, 100, 100),

            // Another quarter does not count.
            new(Q3.Previous, Guid.NewGuid(), C.Id, 99_000, 1, 1),
        };
        volumes.AddRange(extra);
        return new([A, B, C], volumes.ToDictionary(v => v.Organization, v => v.Organization.ToString()[..8]), volumes, []);
    }

    [Fact]
    public void AllocationShares_RunningTotal_AndTheRanking_AreAsWorkedOut()
    {
        var result = Analyse(Three(), Q3);

        // 6,000 + 8,000 + 1,000 = 15,000; by funding: B 8/15, then A 6/15, then C 1/15.
        Assert.Equal(15_000, result.RegionFunding);
        Assert.Equal([B.Id, A.Id, C.Id], result.Opportunities.OrderByDescending(o => o.Funding).Select(o => o.Category.Id));
        var (a, b, c) = (result.Opportunities.Single(o => o.Category == A), result.Opportunities.Single(o => o.Category == B), result.Opportunities.Single(o => o.Category == C));
        Assert.Equal(0.4, a.AllocationShare, 9);
        Assert.Equal(8 / 15.0, b.CumulativeShare, 9);
        Assert.Equal(14 / 15.0, a.CumulativeShare, 9);
        Assert.Equal(1.0, c.CumulativeShare, 9);

        // A: mean 200, sample SD 100: CV 0.5; P10 = 100 + 0.2 × 100 = 120, P90 = 200 + 0.8 × 100 = 280.
        Assert.Equal(0.5, a.Variation, 9);
        Assert.Equal(120, a.CostPerIndividual.P10, 9);
        Assert.Equal(280, a.CostPerIndividual.P90, 9);
        Assert.Equal(280 / 120.0, a.CostPerIndividual.Ratio9010, 9);
        Assert.Equal(0, b.Variation, 9);
        Assert.True(double.IsNaN(c.Variation));

        // Score = volume/100 × providers/3 × variation/0.5: A 0.3 × 1 × 1; B and C have no variation (0), B ranked first on funding.
        Assert.Equal(0.3, a.Score, 9);
        Assert.Equal((1, 2, 3), (a.Rank, b.Rank, c.Rank));
        Assert.Equal((30, 3), (a.Volume, a.Providers));
    }

    [Fact]
    public void TheScenario_BringsTheCostlierHalfToTheMedian()
    {
        var a = Analyse(Three(), Q3).Opportunities.Single(o => o.Category == A);

        // Median 200; the 300 provider at 200 would serve 3,000 / 200 = 15 instead of 10: 35 in all, 6,000 / 35 each, or free 1,000.
        Assert.Equal(200, a.Scenario.Median, 9);
        Assert.Equal(1, a.Scenario.ProvidersAbove);
        Assert.Equal((30, 35), (a.Scenario.IndividualsNow, a.Scenario.IndividualsIf));
        Assert.Equal(200, a.Scenario.CostPerIndividualNow, 9);
        Assert.Equal(6000 / 35.0, a.Scenario.CostPerIndividualIf, 9);
        Assert.Equal(1000, a.Scenario.FundingFreed, 9);
    }

    [Fact]
    public void TheFunnel_KeepsASmallProvidersNoiseInside_AndFindsALargeOutlier()
    {
        static Guid Id(int i) => new($"00000000-0000-0000-0000-00000000000{i}");
        var funnel = Funnel.Of("rate", [(Id(1), "a", 100, 100), (Id(2), "b", 100, 104), (Id(3), "c", 100, 96), (Id(4), "d", 100, 100), (Id(5), "small", 4, 150), (Id(6), "large", 400, 120)]);

        // Median rate (100 + 104) / 2 = 102; z = (rate − 102)·√n = −20, 20, −60, −20, 96, 360; median 0; |z| median (20 + 60) / 2 = 40.
        Assert.Equal(102, funnel.Centre, 9);
        Assert.Equal(1.4826 * 40, funnel.Sigma, 9);

        // The small provider is 47% above and inside (48 × 2 / 59.3 = 1.62); the large one 18% above and far out (18 × 20 / 59.3 = 6.07).
        Assert.Equal(FunnelBand.Within, funnel.Points.Single(p => p.Name == "small").Band);
        Assert.Equal(FunnelBand.Beyond998, funnel.Points.Single(p => p.Name == "large").Band);
        Assert.All(funnel.Points.Where(p => p.Name.Length == 1), p => Assert.Equal(FunnelBand.Within, p.Band));

        // 95% limits at n = 100: 102 ± 1.959964 × 59.304 / 10.
        var (low, high) = funnel.Limits(100, Funnel.Z95);
        Assert.Equal(102 - (1.959964 * 5.9304), low, 6);
        Assert.Equal(102 + (1.959964 * 5.9304), high, 6);
        Assert.False(Funnel.Of("rate", [(Id(1), "a", 100, 1), (Id(2), "b", 100, 2)]).HasLimits);
    }

    [Fact]
    public void RepeatedAndSeriousUnderPerformance_AreFound_AndAProviderOnItsLimitIsNot()
    {
        var window = Q3.WithPreviousFour().Skip(1).ToList();
        var providers = Names.ToDictionary(n => n, _ => Guid.NewGuid());
        int Served(string p) => p switch { "P2" => 4, "P4" => 400, _ => 100 };
        double Wait(string p, int q) => p switch
        {
            "N1" or "N4" => 14,
            "N2" => 13,
            "N3" => 15,
            "P1" => q < 3 ? 25 : 20, // outside [0, 21] in the first three quarters
            "P2" => 21, // on its limit: inside, and too small to be out of the funnel
            _ => q < 2 ? 14 : 19, // P4: inside [0, 30], but far from the others two quarters running at its volume
        };

        var volumes = window.SelectMany(q => providers.Select(p => new Volume(q, p.Value, A.Id, 1000 * Served(p.Key), Served(p.Key), Served(p.Key)))).ToList();
        var indicators = window.SelectMany((q, i) => providers.Select(p => new Indicator(q, p.Value, A.Id, "wait", Wait(p.Key, i), 14, 0, p.Key == "P4" ? 30 : 21))).ToList();
        var result = Analyse(new([A], providers.ToDictionary(p => p.Value, p => p.Key), volumes, indicators), Q3);
        var flagged = result.Opportunities.Single().Underperformers.ToDictionary(u => u.Name);

        // Q2: median 15, z = −10, −20, 0, −10, 100, 12, 80, MAD 12: σ 17.79; P4 at 80 / 17.79 = 4.5, P2 at 12 / 17.79 = 0.67. Q3 alike for P4.
        Assert.Equal(["P1", "P4"], flagged.Keys.Order());
        Assert.True(flagged["P1"].Repeated);
        Assert.Equal([window[0], window[1], window[2]], flagged["P1"].QuartersMissed);
        Assert.False(flagged["P4"].Repeated);
        Assert.True(flagged["P4"].Serious);
        Assert.Equal([window[2], window[3]], flagged["P4"].QuartersMissed);
        Assert.Equal(4, flagged["P1"].Quarters.Count);
    }
}
