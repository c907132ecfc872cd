using HealthLinks.Domain;

namespace HealthLinks.Tests.Domain;

public class HealthCardNumberTests
{
    [Theory]
    [InlineData("9876543217", "")]
    [InlineData("9876543217", "AB")]
    [InlineData("9876-543-217", "A")]
    [InlineData("9876 543 217", "ab")]
    [InlineData("1234567897", "")]
    [InlineData("5555555555", "ZZ")]
    public void ValidNumbers_AreAccepted(string number, string version)
    {
        var card = HealthCardNumber.Parse(number, version);
        Assert.Equal(10, card.Number.Length);
        Assert.Equal(version.ToUpperInvariant(), card.VersionCode);
    }

    [Theory]
    [InlineData("9876543210", Rules.HealthCardCheckDigit)]
    [InlineData("9876543218", Rules.HealthCardCheckDigit)]
    [InlineData("1234567890", Rules.HealthCardCheckDigit)]
    [InlineData("987654321", Rules.HealthCardLength)]
    [InlineData("98765432170", Rules.HealthCardLength)]
    [InlineData("", Rules.HealthCardLength)]
    [InlineData("98765432AB", Rules.HealthCardDigits)]
    [InlineData("ABCDEFGHIJ", Rules.HealthCardDigits)]
    [InlineData("9876.543.217", Rules.HealthCardDigits)]
    public void InvalidNumbers_AreRefusedWithTheReason(string number, string code)
    {
        var e = Assert.Throws<DomainRuleException>(() => HealthCardNumber.Parse(number));
        var violation = Assert.Single(e.Violations);
        Assert.Equal(code, violation.Code);
        Assert.Equal("HealthCardNumber", violation.Field);
    }

    [Theory]
    [InlineData("ABC")]
    [InlineData("1")]
    [InlineData("A1")]
    [InlineData("É")]
    public void BadVersionCodes_AreRefused(string version)
    {
        var e = Assert.Throws<DomainRuleException>(() => HealthCardNumber.Parse("9876543217", version));
        Assert.Equal("HealthCardVersion", Assert.Single(e.Violations).Field);
    }

    [Fact]
    public void CheckDigit_FollowsLuhnOverTheFirstNineDigits()
    {
        // Worked example: doubled odd positions 9,7,5,3,1 -> 9,5,1,6,2 (sum 23); even positions 8+6+4+2 = 20; 10 - 3 = 7.
        Assert.Equal(7, HealthCardNumber.CheckDigit("987654321"));
        Assert.Equal(0, HealthCardNumber.CheckDigit("000000000"));
    }

    [Fact]
    public void EveryGeneratedNumber_WithItsCheckDigit_IsValid_AndEveryOtherLastDigitIsNot()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var nine = random.Next(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var check = HealthCardNumber.CheckDigit(nine);
            for (var last = 0; last <= 9; last++)
            {
                Assert.Equal(last == check, HealthCardNumber.IsValid(nine + last));
            }
        }
    }

    [Fact]
    public void PrintedForm_GroupsDigitsAsOnTheCard()
    {
        Assert.Equal("9876-543-217-AB", HealthCardNumber.Parse("9876543217", "ab").ToString());
        Assert.Equal("9876-543-217", HealthCardNumber.Parse("9876543217").ToString());
    }

    /// <summary>The privacy officer types the number as the product shows it, version code and all.</summary>
    [Theory]
    [InlineData("9876-543-217-QA", "QA")]
    [InlineData("9876 543 217 qa", "QA")]
    [InlineData("9876543217", "")]
    public void ANumberAsShown_IsRead_WithItsVersionCode(string text, string version)
    {
        var card = HealthCardNumber.ReadAsShown(text, new Violations());
        Assert.Equal(("9876543217", version), (card!.Number, card.VersionCode));
    }

    [Fact]
    public void ANumberAsShown_WithAWrongDigit_IsStillRefused() => Assert.Null(HealthCardNumber.ReadAsShown("9876-543-218-QA", new Violations()));
}
