using Bogus;

namespace HealthLinks.Demo;

/// <summary>Deterministic names, addresses and numbers for the demo population, English and French, from one seed.</summary>
internal sealed class DemoNames
{
    private static readonly string[] Cities =
    [
        "Ottawa", "Ottawa", "Ottawa", "Orléans", "Kanata", "Nepean", "Cornwall", "Hawkesbury", "Rockland", "Embrun",
        "Casselman", "Pembroke", "Arnprior", "Renfrew", "Kemptville", "Alexandria", "Vankleek Hill", "Barrhaven",
    ];

    private const string PostalLetters = "ABCEGHJKLMNPRSTVWXYZ";

    private readonly Faker _english;
    private readonly Faker _french;

    public DemoNames(int seed)
    {
        Random = new Randomizer(seed);
        _english = new Faker("en_CA") { Random = Random };
        _french = new Faker("fr_CA") { Random = Random };
    }

    public Randomizer Random { get; }

    public (string Given, string Family, bool French) Person(double frenchShare = 0.3, Bogus.DataSets.Name.Gender? gender = null)
    {
        var french = Random.Double() < frenchShare;
        var faker = french ? _french : _english;
        var sex = gender ?? Random.Enum<Bogus.DataSets.Name.Gender>();
        return (faker.Name.FirstName(sex), faker.Name.LastName(), french);
    }

    public string Street(bool french) => (french ? _french : _english).Address.StreetAddress();

    public string City() => Random.ArrayElement(Cities);

    /// <summary>Eastern Ontario postal codes start with K.</summary>
    public string PostalCode() =>
        $"K{Random.Number(0, 9)}{Random.ArrayElement(PostalLetters.ToCharArray())} {Random.Number(0, 9)}{Random.ArrayElement(PostalLetters.ToCharArray())}{Random.Number(0, 9)}";

    public string Phone() => $"{Random.ArrayElement(["613", "343"])}-{Random.Number(200, 999)}-{Random.Number(0, 9999):D4}";

    public string Relationship(bool french) => french
        ? Random.ArrayElement(["fille", "fils", "conjoint", "conjointe", "sœur", "frère", "voisine", "ami"])
        : Random.ArrayElement(["daughter", "son", "spouse", "partner", "sister", "brother", "neighbour", "friend"]);
}
