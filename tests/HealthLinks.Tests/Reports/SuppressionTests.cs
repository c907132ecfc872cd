using HealthLinks.Features.Reports;

namespace HealthLinks.Tests.Reports;

/// <summary>Small cells never reach an analyst, not even by subtracting one published figure from another.</summary>
public sealed class SuppressionTests
{
    private static Figure Count(int n) => new(n, FigureKind.Count, n);

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void ACount_IsWithheld_FromOneToFour(int n, bool withheld)
    {
        var cells = new Dictionary<string, Figure> { ["a"] = Count(n) };
        Assert.Equal(withheld, Suppression.Apply(cells, []).Contains("a"));
    }

    [Fact]
    public void AShareOverFewPatients_IsWithheld_ButATargetNever()
    {
        var cells = new Dictionary<string, Figure>
        {
            ["share"] = new(50, FigureKind.Percent, 4),
            ["broad"] = new(50, FigureKind.Percent, 40),
            ["target"] = new(3, FigureKind.Target, 0),
        };
        Assert.Equal(["share"], Suppression.Apply(cells, []));
    }

    [Fact]
    public void WhenATotalWouldRevealAWithheldPart_TheSmallestOtherPartIsWithheldToo()
    {
        // 20 = 3 + 7 + 10: 3 is withheld; 20 − 7 − 10 would give it back, so 7 goes too.
        var cells = new Dictionary<string, Figure> { ["total"] = Count(20), ["a"] = Count(3), ["b"] = Count(7), ["c"] = Count(10) };
        var withheld = Suppression.Apply(cells, [("total", ["a", "b", "c"])]);
        Assert.Equal(["a", "b"], withheld.Order());
    }

    [Fact]
    public void WhenTheOtherPartsAreZero_TheTotalIsWithheld()
    {
        var cells = new Dictionary<string, Figure> { ["total"] = Count(3 + 0), ["a"] = Count(3), ["b"] = Count(0) };
        Assert.Equal(["a", "total"], Suppression.Apply(cells, [("total", ["a", "b"])]).Order());
    }

    [Fact]
    public void ACellWithheldForOneSum_IsProtectedInTheOtherSumsItBelongsTo()
    {
        // Health Link X: identified 12 = 2 by screening + 10 by referral. Region: screening 2 (X) + 9 (Y) = 11.
        var cells = new Dictionary<string, Figure>
        {
            ["X"] = Count(12),
            ["X.screening"] = Count(2),
            ["X.referral"] = Count(10),
            ["Y"] = Count(9),
            ["Y.screening"] = Count(9),
            ["Y.referral"] = Count(0),
            ["R.screening"] = Count(11),
            ["R.referral"] = Count(10),
        };
        var withheld = Suppression.Apply(cells, [
            ("X", ["X.screening", "X.referral"]), ("Y", ["Y.screening", "Y.referral"]),
            ("R.screening", ["X.screening", "Y.screening"]), ("R.referral", ["X.referral", "Y.referral"]),
        ]);

        // No sum is left with exactly one unknown.
        foreach (var group in new[] { new[] { "X", "X.screening", "X.referral" }, ["Y", "Y.screening", "Y.referral"], ["R.screening", "X.screening", "Y.screening"], ["R.referral", "X.referral", "Y.referral"] })
        {
            Assert.NotEqual(1, group.Count(withheld.Contains));
        }

        Assert.Contains("X.screening", withheld);
    }
}
