using HealthLinks.Domain;

namespace HealthLinks.Tests.Domain;

public class CaregiverAccessTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 15, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now);

    [Fact]
    public void Access_LastsUntilTheDayBeforeExpiry()
    {
        var (patient, caregiver) = PatientWithCaregiver(RelatedPersonRoles.Caregiver, "Sam.Ortiz@Example.org");
        var access = new CaregiverAccess(patient, caregiver, AgreementGivenBy.Patient, AgreementMethod.Written, Today, Today.AddDays(30), "coordinator", Now);
        Assert.Equal("sam.ortiz@example.org", access.Email);
        Assert.True(access.IsActiveOn(Today));
        Assert.True(access.IsActiveOn(Today.AddDays(29)));
        Assert.False(access.IsActiveOn(Today.AddDays(30)));
    }

    [Fact]
    public void Revoking_EndsAccessAndKeepsWhoAndWhy()
    {
        var (patient, caregiver) = PatientWithCaregiver(RelatedPersonRoles.SubstituteDecisionMaker, "sdm@example.org");
        var access = new CaregiverAccess(patient, caregiver, AgreementGivenBy.SubstituteDecisionMaker, AgreementMethod.Phone, Today, Today.AddMonths(6), "coordinator", Now);
        access.Revoke("Patient withdrew agreement", "coordinator2", Now.AddDays(2));
        Assert.False(access.IsActiveOn(Today.AddDays(2)));
        Assert.Equal(("coordinator2", "Patient withdrew agreement"), (access.RevokedBy, access.RevokedReason));
        Assert.Equal(Rules.AlreadyRevoked, Assert.Throws<DomainRuleException>(() => access.Revoke("again", "x", Now.AddDays(3))).Violations[0].Code);
    }

    [Fact]
    public void Revoking_NeedsAReason()
    {
        var (patient, caregiver) = PatientWithCaregiver(RelatedPersonRoles.Caregiver, "c@example.org");
        var access = new CaregiverAccess(patient, caregiver, AgreementGivenBy.Patient, AgreementMethod.InPerson, Today, Today.AddDays(5), "coordinator", Now);
        var e = Assert.Throws<DomainRuleException>(() => access.Revoke("  ", "coordinator", Now));
        Assert.Equal(("RevokedReason", Rules.Required), (e.Violations[0].Field, e.Violations[0].Code));
        Assert.Null(access.RevokedAt);
    }

    [Theory]
    [InlineData(RelatedPersonRoles.EmergencyContact, "e@example.org", 0, 30, "RelatedPersonId", Rules.NotACaregiver)]
    [InlineData(RelatedPersonRoles.Caregiver, null, 0, 30, "RelatedPersonId", Rules.EmailNeeded)]
    [InlineData(RelatedPersonRoles.Caregiver, "c@example.org", 1, 30, "AgreedOn", Rules.DateInFuture)]
    [InlineData(RelatedPersonRoles.Caregiver, "c@example.org", 0, 0, "ExpiresOn", Rules.ExpiryNotAfterToday)]
    [InlineData(RelatedPersonRoles.Caregiver, "c@example.org", 0, 800, "ExpiresOn", Rules.ExpiryTooFar)]
    public void BadAccess_IsRefusedAtItsField(RelatedPersonRoles roles, string? email, int agreedInDays, int expiresInDays, string field, string code)
    {
        var (patient, caregiver) = PatientWithCaregiver(roles, email);
        var e = Assert.Throws<DomainRuleException>(() =>
            new CaregiverAccess(patient, caregiver, AgreementGivenBy.Patient, AgreementMethod.InPerson, Today.AddDays(agreedInDays), Today.AddDays(expiresInDays), "coordinator", Now));
        Assert.Equal((field, code), (e.Violations[0].Field, e.Violations[0].Code));
    }

    [Fact]
    public void SomeoneWhoIsNotThePatientsRelatedPerson_IsRefused()
    {
        var (patient, _) = PatientWithCaregiver(RelatedPersonRoles.Caregiver, "c@example.org");
        var e = Assert.Throws<DomainRuleException>(() =>
            new CaregiverAccess(patient, Guid.NewGuid(), AgreementGivenBy.Patient, AgreementMethod.InPerson, Today, Today.AddDays(5), "coordinator", Now));
        Assert.Equal(Rules.NotFound, e.Violations[0].Code);
    }

    private static (Patient Patient, Guid Caregiver) PatientWithCaregiver(RelatedPersonRoles roles, string? email)
    {
        var patient = Patients.Sample();
        var person = patient.AddRelatedPerson("Sam", "Ortiz", "Son", roles, null, email);
        return (patient, person.Id);
    }
}
