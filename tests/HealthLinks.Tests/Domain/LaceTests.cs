using HealthLinks.Domain;

using static HealthLinks.Domain.LaceComorbidity;

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
        var lace = Lace.Of(8, admittedThroughEd: true, [CongestiveHeartFailure, ChronicPulmonaryDisease, DiabetesWithoutComplications], edVisitsInSixMonths: 6);
        Assert.Equal((5, 3, 5, 4), (lace.LengthOfStay, lace.Acuity, lace.Comorbidity, lace.EdVisits)); // 2+2+1 = 5 scores 5 points; ED visits capped at 4
        Assert.Equal(17, lace.Total);
        Assert.True(lace.Total >= Lace.HighRisk);
    }

    /// <summary>The LACE tool's weights, one coded condition each, read from ICD-10-CA and from SNOMED CT.</summary>
    [Theory]
    [InlineData("I21.4", "22298006", PreviousMyocardialInfarction, 1)]
    [InlineData("I63.9", "230690007", CerebrovascularDisease, 1)]
    [InlineData("I70.2", "400047006", PeripheralVascularDisease, 1)]
    [InlineData("E11.9", "44054006", DiabetesWithoutComplications, 1)]
    [InlineData("I50.0", "88805009", CongestiveHeartFailure, 2)]
    [InlineData("E11.2", "127013003", DiabetesWithEndOrganDamage, 2)]
    [InlineData("J44.1", "185086009", ChronicPulmonaryDisease, 2)]
    [InlineData("K70.3", "128302006", MildLiverDisease, 2)]
    [InlineData("C18.7", "363406005", AnyTumour, 2)]
    [InlineData("F03", "26929004", Dementia, 3)]
    [InlineData("M32.1", "55464009", ConnectiveTissueDisease, 3)]
    [InlineData("B20", "62479008", Aids, 4)]
    [InlineData("K70.4", "19943007", ModerateOrSevereLiverDisease, 4)]
    [InlineData("C78.0", "314994000", MetastaticSolidTumour, 6)]
    public void EachComorbidity_HasTheToolsWeight(string icd10, string snomed, LaceComorbidity expected, int weight)
    {
        Assert.Equal(expected, LaceComorbidities.Of(CodeSystem.Icd10Ca, icd10));
        Assert.Equal(expected, LaceComorbidities.Of(CodeSystem.SnomedCt, snomed));
        Assert.Equal(weight, LaceComorbidities.Weight(expected));
        Assert.Equal(weight >= 4 ? 5 : weight, Lace.Of(1, false, [expected], 0).Comorbidity);
    }

    [Fact]
    public void FourOrMore_Scores5_AndLessScoresItself()
    {
        Assert.Equal(3, Lace.Of(1, false, [CongestiveHeartFailure, PeripheralVascularDisease], 0).Comorbidity);
        Assert.Equal(5, Lace.Of(1, false, [CongestiveHeartFailure, ChronicPulmonaryDisease], 0).Comorbidity);
        Assert.Equal(5, Lace.Of(1, false, [MetastaticSolidTumour], 0).Comorbidity);
    }

    [Fact]
    public void AConditionCountsOnce_AndOnlyItsGravestForm()
    {
        Assert.Equal(2, LaceComorbidities.Score([DiabetesWithoutComplications, DiabetesWithEndOrganDamage, DiabetesWithoutComplications]));
        Assert.Equal(4, LaceComorbidities.Score([MildLiverDisease, ModerateOrSevereLiverDisease]));
        Assert.Equal(6, LaceComorbidities.Score([AnyTumour, MetastaticSolidTumour]));
    }

    [Theory]
    [InlineData(CodeSystem.Icd10Ca, "I10")] // hypertension carries no LACE weight
    [InlineData(CodeSystem.Icd10Ca, "N18.5")] // nor does renal disease in the LACE tool's list
    [InlineData(CodeSystem.SnomedCt, "38341003")]
    [InlineData(CodeSystem.SnomedCt, "15777000")] // prediabetes
    public void CodesOutsideTheList_AreNotCounted(CodeSystem system, string code) => Assert.Null(LaceComorbidities.Of(system, code));

    [Fact]
    public void TheLongestIcdPrefixDecides() =>
        Assert.Equal((AnyTumour, MetastaticSolidTumour, DiabetesWithoutComplications), (LaceComorbidities.Of(CodeSystem.Icd10Ca, "C50.9")!.Value, LaceComorbidities.Of(CodeSystem.Icd10Ca, "C77.0")!.Value, LaceComorbidities.Of(CodeSystem.Icd10Ca, "E11")!.Value));
}
