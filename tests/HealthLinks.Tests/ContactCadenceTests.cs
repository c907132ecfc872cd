using HealthLinks.Domain;

namespace HealthLinks.Tests;

public sealed class ContactCadenceTests
{
    [Theory]
    [InlineData(0.9f, ContactCadence.Weekly)]
    [InlineData(0.5f, ContactCadence.Weekly)]
    [InlineData(0.3f, ContactCadence.EveryTwoWeeks)]
    [InlineData(0.1f, ContactCadence.Monthly)]
    [InlineData(null, ContactCadence.Monthly)]
    public void TheDefaultCadence_FollowsTheRiskTier(float? score, ContactCadence expected) => Assert.Equal(expected, ContactCadences.ForScore(score));

    [Fact]
    public void TheNextContact_IsACadenceAfterTheLast_OrAfterTheStart()
    {
        var start = new DateOnly(2026, 1, 1);
        Assert.Equal(new DateOnly(2026, 1, 15), ContactCadences.NextDue(ContactCadence.EveryTwoWeeks, null, start));
        Assert.Equal(new DateOnly(2026, 3, 8), ContactCadences.NextDue(ContactCadence.Weekly, new DateOnly(2026, 3, 1), start));
    }

    [Fact]
    public void AContact_CannotBeInTheFuture_AndNeedsWhoAndWhat()
    {
        var now = DateTime.UtcNow;
        var e = Assert.Throws<DomainRuleException>(() => new PatientContact(PatientId.New(), now.AddHours(1), ContactKind.Phone, "", "", ConditionChange.Same, null, "me", now));
        Assert.Equal(["At", "Summary", "With"], e.Violations.Select(v => v.Field).Order());
    }
}
