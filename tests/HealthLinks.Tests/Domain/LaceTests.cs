using HealthLinks.Domain;

namespace HealthLinks.Tests.Domain;

public class LaceTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(4, 4)]
    [InlineData(6, 4)]
    [InlineData(7, 5)]
    [InlineData(13, 5)]
    [InlineData(14, 7)]
    public void LengthOfStay_Points(int days, int points) => Assert.Equal(points, Lace.Of(days, false, [], 0).LengthOfStay);

    [Fact]
    public void AnEmergencyAdmission_WithManyConditionsAndEdVisits_IsHighRisk()
    {
        var lace = Lace.Of(8, admittedThroughEd: true, ["heart-failure", "copd", "diabetes", "renal-failure", "hypertension"], edVisitsInSixMonths: 6);
        Assert.Equal((5, 3, 5, 4), (lace.LengthOfStay, lace.Acuity, lace.Comorbidity, lace.EdVisits)); // Charlson 1+1+1+2 = 5, capped at 5 points; ED visits capped at 4
        Assert.Equal(17, lace.Total);
        Assert.True(lace.Total >= Lace.HighRisk);
    }

    [Fact]
    public void Comorbidity_CountsEachGroupOnce_AndIgnoresGroupsWithoutACharlsonWeight()
    {
        Assert.Equal(3, Lace.Of(2, false, ["cancer", "cancer", "ami", "hypertension", "osteoarthritis"], 0).Comorbidity);
    }
}
