using HealthLinks.Domain;

namespace HealthLinks.Demo;

/// <summary>Chronic conditions used in Ontario multimorbidity research, with an ICD-10-CA and a SNOMED CT code each.</summary>
public static class ChronicConditionCatalogue
{
    public sealed record Entry(string Key, string Icd10Ca, string SnomedCt, string Display, int MinAge);

    public static IReadOnlyList<Entry> All { get; } =
    [
        new("hypertension", "I10", "38341003", "Essential hypertension", 30),
        new("diabetes", "E11", "44054006", "Type 2 diabetes mellitus", 25),
        new("osteoarthritis", "M19", "396275006", "Osteoarthritis", 40),
        new("mood-anxiety", "F32", "35489007", "Depressive disorder", 12),
        new("asthma", "J45", "195967001", "Asthma", 2),
        new("copd", "J44", "13645005", "Chronic obstructive pulmonary disease", 45),
        new("coronary", "I25", "414545008", "Chronic ischaemic heart disease", 45),
        new("heart-failure", "I50", "84114007", "Heart failure", 50),
        new("arrhythmia", "I48", "49436004", "Atrial fibrillation", 50),
        new("renal-failure", "N18", "709044004", "Chronic kidney disease", 40),
        new("osteoporosis", "M81", "64859006", "Osteoporosis", 50),
        new("cancer", "C18", "363406005", "Malignant neoplasm of colon", 40),
        new("dementia", "F03", "52448006", "Dementia", 65),
        new("stroke", "I63", "230690007", "Cerebral infarction", 50),
        new("rheumatoid-arthritis", "M06", "69896004", "Rheumatoid arthritis", 25),
        new("ami", "I21", "22298006", "Acute myocardial infarction", 40),
        new("other-mental-illness", "F20", "58214004", "Schizophrenia", 16),
        new("substance-use", "F10", "7200002", "Alcohol use disorder", 16),
    ];

    public static Condition ToCondition(Entry entry, PatientId patient, DateOnly onset, bool useSnomed) =>
        useSnomed
            ? new Condition(patient, CodeSystem.SnomedCt, entry.SnomedCt, entry.Display, onset, ConditionStatus.Active, "seed")
            : new Condition(patient, CodeSystem.Icd10Ca, entry.Icd10Ca, entry.Display, onset, ConditionStatus.Active, "seed");
}
