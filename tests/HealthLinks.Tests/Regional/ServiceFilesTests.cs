using HealthLinks.Features.Regional;

namespace HealthLinks.Tests.Regional;

public sealed class ServiceFilesTests
{
    private const string Services = "quarter,organization,service_category,funding,individuals_served,visits\n";

    private static ServiceFiles.Contents Read(string text) => ServiceFiles.Read(new StringReader(text));

    [Fact]
    public void AGoodServicesFile_IsRead_WithQuotedNamesAndSpaces()
    {
        var file = Read(Services + "2026Q3,\"Carefor, Ottawa\",Crisis Intervention,1234.50, 10 ,20\n\n2026Q2,Carefor,Crisis Intervention,0,0,0\n");
        Assert.Empty(file.Problems);
        Assert.Equal(ServiceFiles.Kind.Services, file.Kind);
        Assert.Equal(2, file.Services.Count);
        Assert.Equal(("Carefor, Ottawa", 1234.50m, 10, 20, 2), (file.Services[0].Organization, file.Services[0].Funding, file.Services[0].Individuals, file.Services[0].Visits, file.Services[0].Row));
        Assert.Equal(4, file.Services[1].Row);
    }

    [Theory]
    [InlineData("quarter,organization,service_category,funding,visits\n2026Q3,A,B,1,1\n", 1, "individuals_served", "MissingColumn")]
    [InlineData(Services + "2026Q3,A,B,1,1,1\n2026Q5,A,B,1,1,1\n", 3, "quarter", "BadQuarter")]
    [InlineData(Services + "2026Q3,A,B,-5,1,1\n", 2, "funding", "Negative")]
    [InlineData(Services + "2026Q3,A,B,12k,1,1\n", 2, "funding", "NotANumber")]
    [InlineData(Services + "2026Q3,A,B,1,1.5,1\n", 2, "individuals_served", "NotAWholeNumber")]
    [InlineData(Services + "2026Q3,,B,1,1,1\n", 2, "organization", "Required")]
    [InlineData(Services + "2026Q3,A,B,1,1,1\n2026q3,a ,b,2,2,2\n", 3, "", "Duplicate")]
    [InlineData("quarter,organization,service_category,indicator,actual,target,lower_limit,upper_limit\n2026Q3,A,B,wait,1,1,9,2\n", 2, "lower_limit", "LimitsReversed")]
    [InlineData("name,age\nx,1\n", 1, "", "NotRecognized")]
    [InlineData(Services, 1, "", "Empty")]
    [InlineData(Services + "2026Q3,\"A,B,1,1,1\n", 2, "", "Unreadable")]
    public void ABadFile_IsRefused_NamingTheRowAndColumn(string text, int row, string column, string code)
    {
        var file = Read(text);
        Assert.Contains(file.Problems, p => p.Row == row && p.Column == column && p.Code == code);
    }

    [Fact]
    public void NamesMatch_WhateverTheirCaseAccentsAndSpacing() =>
        Assert.Equal(ServiceFiles.Fold("Résidence  Saint-Louis"), ServiceFiles.Fold(" residence saint-louis "));
}
