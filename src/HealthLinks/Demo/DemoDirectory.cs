using HealthLinks.Domain;

namespace HealthLinks.Demo;

/// <summary>The demo region's Health Links, organizations and providers: fictitious, in the Champlain region's two languages.</summary>
internal sealed class DemoDirectory
{
    public const string CoordinatorEmail = "coordinator@demo.healthlinks.ca";
    public const string PhysicianEmail = "provider@demo.healthlinks.ca";

    private static readonly (string Name, OrganizationKind Kind)[] OrganizationNames =
    [
        ("Rideau Valley General Hospital", OrganizationKind.Hospital),
        ("Hôpital communautaire de l'Est", OrganizationKind.Hospital),
        ("Ottawa River Regional Hospital", OrganizationKind.Hospital),
        ("Glengarry Memorial Hospital", OrganizationKind.Hospital),
        ("Centretown Family Health Team", OrganizationKind.PrimaryCare),
        ("Équipe de santé familiale d'Orléans", OrganizationKind.PrimaryCare),
        ("Kanata North Family Health Team", OrganizationKind.PrimaryCare),
        ("Cornwall Community Family Practice", OrganizationKind.PrimaryCare),
        ("Centre de santé communautaire de l'Estrie", OrganizationKind.PrimaryCare),
        ("Nepean Medical Associates", OrganizationKind.PrimaryCare),
        ("Pembroke Family Medicine Clinic", OrganizationKind.PrimaryCare),
        ("Hawkesbury Nurse Practitioner-Led Clinic", OrganizationKind.PrimaryCare),
        ("Champlain Home and Community Care", OrganizationKind.HomeAndCommunityCare),
        ("Soins à domicile Prescott-Russell", OrganizationKind.HomeAndCommunityCare),
        ("Valley Nursing Services", OrganizationKind.HomeAndCommunityCare),
        ("Meals on Wheels Ottawa", OrganizationKind.CommunitySupport),
        ("Services communautaires de Clarence-Rockland", OrganizationKind.CommunitySupport),
        ("Carefor Community Support", OrganizationKind.CommunitySupport),
        ("Ottawa Housing Outreach", OrganizationKind.CommunitySupport),
        ("Seniors' Day Program of Renfrew County", OrganizationKind.CommunitySupport),
        ("Riverside Long-Term Care Home", OrganizationKind.LongTermCare),
        ("Résidence Saint-Louis", OrganizationKind.LongTermCare),
        ("Maple Grove Manor", OrganizationKind.LongTermCare),
        ("Bank Street Pharmacy", OrganizationKind.Pharmacy),
        ("Pharmacie Orléans Centre", OrganizationKind.Pharmacy),
        ("Kanata Wellness Pharmacy", OrganizationKind.Pharmacy),
        ("Cornwall Square Pharmacy", OrganizationKind.Pharmacy),
        ("Pharmacie Hawkesbury", OrganizationKind.Pharmacy),
        ("Champlain Mental Health and Addictions Services", OrganizationKind.MentalHealthAndAddictions),
        ("Centre de toxicomanie et santé mentale de l'Est", OrganizationKind.MentalHealthAndAddictions),
    ];

    // Which professions each kind of organization employs, and how many of each.
    private static readonly Dictionary<OrganizationKind, (Profession Profession, int Count)[]> Staffing = new()
    {
        [OrganizationKind.Hospital] = [(Profession.Specialist, 4), (Profession.RegisteredNurse, 1), (Profession.SocialWorker, 1), (Profession.CareCoordinator, 1)],
        [OrganizationKind.PrimaryCare] = [(Profession.FamilyPhysician, 3), (Profession.NursePractitioner, 1)],
        [OrganizationKind.HomeAndCommunityCare] = [(Profession.CareCoordinator, 3), (Profession.RegisteredNurse, 1), (Profession.PersonalSupportWorker, 1), (Profession.Physiotherapist, 1)],
        [OrganizationKind.CommunitySupport] = [(Profession.CommunityWorker, 1)],
        [OrganizationKind.LongTermCare] = [(Profession.RegisteredNurse, 1)],
        [OrganizationKind.Pharmacy] = [(Profession.Pharmacist, 1)],
        [OrganizationKind.MentalHealthAndAddictions] = [(Profession.MentalHealthWorker, 2), (Profession.SocialWorker, 1)],
    };

    public required Region Region { get; init; }

    public required IReadOnlyList<HealthLink> HealthLinks { get; init; }

    public required IReadOnlyList<Organization> Organizations { get; init; }

    public required IReadOnlyList<Provider> Providers { get; init; }

    public IEnumerable<Organization> OfKind(OrganizationKind kind) => Organizations.Where(o => o.Kind == kind);

    public IEnumerable<Provider> WithProfession(Profession profession) => Providers.Where(p => p.Profession == profession);

    /// <summary>Each hospital sends its ADT messages to one Health Link, under a code of its initials (Rideau Valley General: RVGH).</summary>
    public IEnumerable<MessageSender> MessageSenders(DateTime now) =>
        Organizations.Where(o => o.Kind == OrganizationKind.Hospital).Select((o, i) =>
            new MessageSender(string.Concat(o.Name.Split(' ', '\'').Where(w => w.Length > 2 && char.IsUpper(w[0])).Select(w => w[0])), o.Id, HealthLinks[i % HealthLinks.Count].Id, "", confirmed: true, "demo", now));

    public static DemoDirectory Create(DemoNames names)
    {
        var region = new Region("Champlain");
        HealthLink[] healthLinks =
        [
            new(region.Id, "Ottawa Centre Health Link"),
            new(region.Id, "Eastern Counties Health Link / Maillon santé des comtés de l'Est"),
            new(region.Id, "Western Champlain Health Link"),
        ];
        var organizations = OrganizationNames.Select(o => new Organization(region.Id, o.Name, o.Kind, names.Phone(), null)).ToList();
        var providers = new List<Provider>();
        foreach (var organization in organizations)
        {
            foreach (var (profession, count) in Staffing[organization.Kind])
            {
                for (var i = 0; i < count; i++)
                {
                    var (given, family, _) = names.Person();
                    var email = SearchText.Fold($"{given}.{family}").Replace(' ', '-').Replace('\'', '-') + "@example.org";
                    providers.Add(new Provider(organization.Id, given, family, profession, names.Phone(), email));
                }
            }
        }

        // The demo accounts sign in as these two, so they have a caseload to show.
        GiveEmail(providers.First(p => p.Profession == Profession.CareCoordinator), CoordinatorEmail);
        GiveEmail(providers.First(p => p.Profession == Profession.FamilyPhysician), PhysicianEmail);
        return new DemoDirectory { Region = region, HealthLinks = healthLinks, Organizations = organizations, Providers = providers };
    }

    private static void GiveEmail(Provider p, string email) =>
        p.Update(p.OrganizationId, p.GivenName, p.FamilyName, p.Profession, p.Phone, email);
}
