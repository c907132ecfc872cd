using HealthLinks.Domain;

namespace HealthLinks.Tests.Domain;

public class PatientTests
{
    [Fact]
    public void ValidDetails_MakeAPatient_WithTidiedValues()
    {
        var patient = Patients.Sample();
        Assert.Equal("K1C 2N3", patient.Address.PostalCode);
        Assert.Equal("AB", patient.HealthCardVersion);
        Assert.Equal("belanger emilie", patient.SearchKey.Trim());
        Assert.Equal(78, patient.AgeOn(Patients.Today));
    }

    [Fact]
    public void EveryBadField_IsReported_AtOnce()
    {
        var details = Patients.Details() with
        {
            GivenName = " ",
            DateOfBirth = Patients.Today.AddDays(1),
            HealthCardNumber = "9876543210",
            Email = "not-an-email",
            Phone = "12",
            PostalCode = "12345",
        };
        var e = Assert.Throws<DomainRuleException>(() => new Patient(Guid.NewGuid(), details, Patients.Today));
        var fields = e.Violations.Select(v => v.Field).ToHashSet();
        Assert.Equal(["DateOfBirth", "Email", "GivenName", "HealthCardNumber", "Phone", "PostalCode"], fields.Order());
        Assert.Contains(e.Violations, v => v.Code == Rules.BirthDateInFuture);
    }

    [Fact]
    public void AFailedUpdate_LeavesThePatientAsItWas()
    {
        var patient = Patients.Sample();
        Assert.Throws<DomainRuleException>(() => patient.Update(Patients.Details() with { FamilyName = "Tremblay", DateOfBirth = null }, Patients.Today));
        Assert.Equal("Bélanger", patient.FamilyName);
    }

    [Fact]
    public void OtherLanguage_IsRequired_WhenTheLanguageIsOther()
    {
        var e = Assert.Throws<DomainRuleException>(() => new Patient(Guid.NewGuid(), Patients.Details() with { Language = PreferredLanguage.Other }, Patients.Today));
        Assert.Equal("OtherLanguage", Assert.Single(e.Violations).Field);
    }
}
