namespace HealthLinks.Domain;

/// <summary>
/// A kind of community service a region funds (assisted living, crisis intervention...). The nine a region named as its
/// first integration opportunities carry a <see cref="Code"/> (their names are translated); the region may add others.
/// </summary>
public sealed class ServiceCategory
{
    private ServiceCategory()
    {
        Name = "";
    }

    public ServiceCategory(Guid regionId, string name, string? code)
    {
        var v = new Violations();
        Name = v.Text(nameof(Name), name, 200, required: true)!;
        v.ThrowIfAny();
        (RegionId, Code) = (regionId, code);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid RegionId { get; private set; }

    /// <summary>The name files use for it (matched without regard to case or accents).</summary>
    public string Name { get; private set; }

    /// <summary>One of <see cref="Named"/>, or null for a category the region added.</summary>
    public string? Code { get; private set; }

    /// <summary>
    /// The services one region named for integration, about 65% of its community allocation: high volume, many
    /// providers, wide variation (Toronto Central LHIN, facilitated integrations).
    /// </summary>
    public static IReadOnlyList<(string Code, string Name)> Named { get; } =
    [
        ("AssistedLiving", "Assisted Living Services"),
        ("PersonalSupport", "Personal Support Independence Training"),
        ("CommunityHealthCentreClinics", "Clinic Programs in Community Health Centres"),
        ("SupportiveHousing", "Residential Mental Health Support within Housing"),
        ("MentalHealthCaseManagement", "Mental Health Case Management Supportive Counselling Services"),
        ("SeniorsDayProgram", "Day Program for Seniors"),
        ("ResidentialAddictionTreatment", "Residential Addiction Treatment Service Substance Abuse"),
        ("ChronicDiseasePromotion", "Health Promotion and Education Chronic Disease Awareness"),
        ("CrisisIntervention", "Crisis Intervention"),
    ];
}

/// <summary>What one organization did in one service category in one quarter, and what it was funded for it.</summary>
public sealed class ServiceVolume
{
    private ServiceVolume()
    {
        Quarter = "";
    }

    public ServiceVolume(Guid regionId, string quarter, Guid organizationId, Guid categoryId)
    {
        (RegionId, Quarter, OrganizationId, CategoryId) = (regionId, quarter, organizationId, categoryId);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid RegionId { get; private set; }

    /// <summary>As files write it: 2026Q3 (sorts as it reads).</summary>
    public string Quarter { get; private set; }

    public Guid OrganizationId { get; private set; }

    public Guid CategoryId { get; private set; }

    /// <summary>Dollars allocated for the quarter.</summary>
    public decimal Funding { get; private set; }

    public int IndividualsServed { get; private set; }

    public int Visits { get; private set; }

    /// <summary>Sets the figures; false when they were already these (a file imported again changes nothing).</summary>
    public bool Set(decimal funding, int individuals, int visits)
    {
        if (funding < 0 || individuals < 0 || visits < 0)
        {
            throw new DomainRuleException(nameof(Funding), Rules.NegativeAmount, "funding, individuals served and visits are not negative");
        }

        if ((Funding, IndividualsServed, Visits) == (funding, individuals, visits))
        {
            return false;
        }

        (Funding, IndividualsServed, Visits) = (funding, individuals, visits);
        return true;
    }
}

/// <summary>
/// One accountability-agreement indicator of one organization, category and quarter: the result, the target, and the
/// corridor within which performance is met (both limits included).
/// </summary>
public sealed class ServicePerformance
{
    private ServicePerformance()
    {
        Quarter = Indicator = "";
    }

    public ServicePerformance(Guid regionId, string quarter, Guid organizationId, Guid categoryId, string indicator)
    {
        (RegionId, Quarter, OrganizationId, CategoryId, Indicator) = (regionId, quarter, organizationId, categoryId, indicator);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid RegionId { get; private set; }

    public string Quarter { get; private set; }

    public Guid OrganizationId { get; private set; }

    public Guid CategoryId { get; private set; }

    public string Indicator { get; private set; }

    public double Actual { get; private set; }

    public double Target { get; private set; }

    public double LowerLimit { get; private set; }

    public double UpperLimit { get; private set; }

    /// <summary>Sets the figures; false when they were already these.</summary>
    public bool Set(double actual, double target, double lower, double upper)
    {
        if (lower > upper)
        {
            throw new DomainRuleException(nameof(LowerLimit), Rules.OutOfRange, "the lower limit is not above the upper limit");
        }

        if ((Actual, Target, LowerLimit, UpperLimit) == (actual, target, lower, upper))
        {
            return false;
        }

        (Actual, Target, LowerLimit, UpperLimit) = (actual, target, lower, upper);
        return true;
    }
}

/// <summary>An analyst's notes on one category's evidence brief for one quarter, printed with it.</summary>
public sealed class IntegrationBriefNote
{
    private IntegrationBriefNote()
    {
        Quarter = Text = UpdatedBy = "";
    }

    public IntegrationBriefNote(Guid regionId, Guid categoryId, string quarter)
    {
        (RegionId, CategoryId, Quarter, Text, UpdatedBy) = (regionId, categoryId, quarter, "", "");
    }

    public const int MaxLength = 4000;

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid RegionId { get; private set; }

    public Guid CategoryId { get; private set; }

    public string Quarter { get; private set; }

    public string Text { get; private set; }

    public string UpdatedBy { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public void Write(string? text, string by, DateTime now)
    {
        var v = new Violations();
        var written = v.Text(nameof(Text), text, MaxLength, required: false);
        v.ThrowIfAny();
        (Text, UpdatedBy, UpdatedAt) = (written ?? "", by, now);
    }
}
