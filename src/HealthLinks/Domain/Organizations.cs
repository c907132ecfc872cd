namespace HealthLinks.Domain;

public sealed class Region
{
    private Region()
    {
        Name = "";
    }

    public Region(string name)
    {
        var v = new Violations();
        Name = v.Text(nameof(Name), name, 120, required: true)!;
        v.ThrowIfAny();
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public string Name { get; private set; }
}

public sealed class HealthLink
{
    private HealthLink()
    {
        Name = "";
    }

    public HealthLink(Guid regionId, string name)
    {
        RegionId = regionId;
        Name = "";
        Rename(name);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid RegionId { get; private set; }

    public string Name { get; private set; }

    /// <summary>Staff of this Health Link sign in with a code from an authenticator app as well as their password.</summary>
    public bool RequiresTwoFactor { get; set; }

    /// <summary>The complete coordinated care plans this Health Link aims for each quarter; the quarterly report sets its count against it.</summary>
    public int? QuarterlyPlanTarget { get; private set; }

    public void SetQuarterlyPlanTarget(int? target)
    {
        if (target is < 0 or > 100_000)
        {
            throw new DomainRuleException(nameof(QuarterlyPlanTarget), Rules.OutOfRange, "the target is between 0 and 100,000 plans a quarter");
        }

        QuarterlyPlanTarget = target;
    }

    public void Rename(string name)
    {
        var v = new Violations();
        var checkedName = v.Text(nameof(Name), name, 120, required: true);
        v.ThrowIfAny();
        Name = checkedName!;
    }
}

public enum OrganizationKind
{
    Hospital,
    PrimaryCare,
    HomeAndCommunityCare,
    CommunitySupport,
    LongTermCare,
    Pharmacy,
    MentalHealthAndAddictions,
    Other,
}

public sealed class Organization
{
    private Organization()
    {
        Name = "";
    }

    public Organization(Guid regionId, string name, OrganizationKind kind, string? phone = null, string? email = null)
    {
        RegionId = regionId;
        Name = "";
        Update(name, kind, phone, email);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid RegionId { get; private set; }

    public string Name { get; private set; }

    public OrganizationKind Kind { get; private set; }

    public string? Phone { get; private set; }

    public string? Email { get; private set; }

    public void Update(string name, OrganizationKind kind, string? phone, string? email)
    {
        var v = new Violations();
        var checkedName = v.Text(nameof(Name), name, 200, required: true);
        var checkedPhone = v.Phone(nameof(Phone), phone);
        var checkedEmail = v.Email(nameof(Email), email);
        if (!Enum.IsDefined(kind))
        {
            v.Add(nameof(Kind), Rules.Required, "is not a known kind of organization");
        }

        v.ThrowIfAny();
        (Name, Kind, Phone, Email) = (checkedName!, kind, checkedPhone, checkedEmail);
    }
}
