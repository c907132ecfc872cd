namespace HealthLinks.Domain;

/// <summary>One chronic or high-cost condition group: ICD-10-CA categories (the first three characters) and SNOMED CT codes.</summary>
public sealed record ConditionGroup(string Key, string[] Icd10CaCategories, string[] SnomedCt);

/// <summary>
/// The default coded list for screening: the chronic conditions used in Ontario multimorbidity research, plus substance
/// use and palliative status (see DOMAIN.md). A patient's count is the number of groups they have, not of codes.
/// </summary>
public static class ChronicConditions
{
    public static IReadOnlyList<ConditionGroup> Default { get; } =
    [
        new("ami", ["I21", "I22"], ["22298006", "399211009"]),
        new("asthma", ["J45", "J46"], ["195967001", "233678006"]),
        new("cancer", Categories('C', 0, 97), ["363406005", "109838007", "254637007", "424132000", "254632001", "126906006", "92691004", "314994000", "93761005", "254837009"]),
        new("arrhythmia", ["I47", "I48", "I49"], ["49436004", "698247007"]),
        new("coronary", ["I20", "I24", "I25"], ["53741008", "414545008"]),
        new("copd", ["J41", "J42", "J43", "J44"], ["13645005", "185086009", "87433001"]),
        new("heart-failure", ["I50"], ["84114007", "88805009"]),
        new("dementia", ["F00", "F01", "F02", "F03", "G30"], ["52448006", "26929004", "230265002"]),
        new("diabetes", ["E10", "E11", "E12", "E13", "E14"], ["44054006", "73211009", "46635009"]),
        new("hypertension", ["I10", "I11", "I12", "I13", "I15"], ["38341003", "59621000"]),
        new("mood-anxiety", ["F32", "F33", "F34", "F40", "F41"], ["35489007", "370143000", "36923009", "197480006"]),
        new("other-mental-illness", ["F20", "F21", "F22", "F23", "F24", "F25", "F28", "F29", "F30", "F31"], ["58214004", "13746004"]),
        new("osteoarthritis", ["M15", "M16", "M17", "M18", "M19"], ["396275006", "239872002", "239873007", "201834006"]),
        new("osteoporosis", ["M80", "M81"], ["64859006", "443165006"]),
        new("renal-failure", ["N18", "N19"], ["709044004", "431855005", "431856006", "433144002", "46177005", "127013003"]),
        new("rheumatoid-arthritis", ["M05", "M06"], ["69896004"]),
        new("stroke", ["I60", "I61", "I62", "I63", "I64"], ["230690007"]),
        new("substance-use", ["F10", "F11", "F12", "F13", "F14", "F15", "F16", "F17", "F18", "F19"], ["7200002", "5602001", "6525002"]),
        new("palliative", ["Z51"], ["103735009"]),
    ];

    /// <summary>Groups that make someone 65+ frail on their own (one is enough), and those of which two are needed.</summary>
    public static readonly string[] FrailtyMajor = ["copd", "heart-failure", "stroke", "mood-anxiety", "other-mental-illness"];

    public static readonly string[] FrailtyMinor = ["osteoarthritis", "rheumatoid-arthritis", "osteoporosis", "coronary", "arrhythmia", "cancer", "dementia", "renal-failure", "asthma", "hypertension", "diabetes", "ami"];

    /// <summary>Social determinants of health: ICD-10 Z55-Z65, and SNOMED CT findings of homelessness, isolation, low income or a language barrier.</summary>
    public static ConditionGroup Social { get; } = new("social", Categories('Z', 55, 65), ["32911000", "423315002", "73438004", "422650009", "706893006", "266948004"]);

    /// <summary>The group a code belongs to, if any.</summary>
    public static string? GroupOf(IReadOnlyList<ConditionGroup> groups, CodeSystem system, string code) => groups.FirstOrDefault(g => Matches(g, system, code))?.Key;

    public static bool Matches(ConditionGroup group, CodeSystem system, string code) => system switch
    {
        CodeSystem.SnomedCt => group.SnomedCt.Contains(code),
        _ => code.Length >= 3 && group.Icd10CaCategories.Contains(code[..3].ToUpperInvariant()),
    };

    private static string[] Categories(char letter, int from, int to) =>
        Enumerable.Range(from, to - from + 1).Select(n => $"{letter}{n:00}").ToArray();
}
