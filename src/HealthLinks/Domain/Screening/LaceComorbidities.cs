namespace HealthLinks.Domain;

/// <summary>The conditions the LACE tool's "C" counts (its own modified Charlson list), each with the tool's weight.</summary>
public enum LaceComorbidity
{
    PreviousMyocardialInfarction,
    CerebrovascularDisease,
    PeripheralVascularDisease,
    DiabetesWithoutComplications,
    CongestiveHeartFailure,
    DiabetesWithEndOrganDamage,
    ChronicPulmonaryDisease,
    MildLiverDisease,
    AnyTumour,
    Dementia,
    ConnectiveTissueDisease,
    Aids,
    ModerateOrSevereLiverDisease,
    MetastaticSolidTumour,
}

/// <summary>
/// Which coded condition is which LACE comorbidity: ICD-10-CA by the Quan (2005) Charlson coding, SNOMED CT by the
/// concepts our sources send (Synthea among them). The LACE score of a set: the weights summed, a condition counted once
/// and only its gravest form (diabetes with end-organ damage over without, severe liver disease over mild, a metastatic
/// tumour over any tumour).
/// </summary>
public static class LaceComorbidities
{
    public static int Weight(LaceComorbidity c) => c switch
    {
        LaceComorbidity.PreviousMyocardialInfarction or LaceComorbidity.CerebrovascularDisease or LaceComorbidity.PeripheralVascularDisease
            or LaceComorbidity.DiabetesWithoutComplications => 1,
        LaceComorbidity.CongestiveHeartFailure or LaceComorbidity.DiabetesWithEndOrganDamage or LaceComorbidity.ChronicPulmonaryDisease
            or LaceComorbidity.MildLiverDisease or LaceComorbidity.AnyTumour => 2,
        LaceComorbidity.Dementia or LaceComorbidity.ConnectiveTissueDisease => 3,
        LaceComorbidity.Aids or LaceComorbidity.ModerateOrSevereLiverDisease => 4,
        LaceComorbidity.MetastaticSolidTumour => 6,
        _ => 0,
    };

    /// <summary>The sum of the weights, each condition once and only its gravest form.</summary>
    public static int Score(IEnumerable<LaceComorbidity> held)
    {
        var set = held.ToHashSet();
        if (set.Contains(LaceComorbidity.DiabetesWithEndOrganDamage))
        {
            set.Remove(LaceComorbidity.DiabetesWithoutComplications);
        }

        if (set.Contains(LaceComorbidity.ModerateOrSevereLiverDisease))
        {
            set.Remove(LaceComorbidity.MildLiverDisease);
        }

        if (set.Contains(LaceComorbidity.MetastaticSolidTumour))
        {
            set.Remove(LaceComorbidity.AnyTumour);
        }

        return set.Sum(Weight);
    }

    /// <summary>The LACE comorbidity a coded condition is, if any.</summary>
    public static LaceComorbidity? Of(CodeSystem system, string code)
    {
        if (system == CodeSystem.SnomedCt)
        {
            return Snomed.TryGetValue(code, out var c) ? c : null;
        }

        var icd = code.Replace(".", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
        // The longest matching prefix decides: E11.2 is diabetes with end-organ damage, E11 alone without.
        return Icd10.Where(p => icd.StartsWith(p.Key, StringComparison.Ordinal)).OrderByDescending(p => p.Key.Length).Select(p => (LaceComorbidity?)p.Value).FirstOrDefault();
    }

    /// <summary>The three-character ICD-10 categories any LACE comorbidity starts with, to fetch candidates from the database.</summary>
    public static IReadOnlyList<string> Icd10Categories => [.. Icd10.Keys.Select(k => k[..3]).Distinct()];

    public static IReadOnlyList<string> SnomedCodes => [.. Snomed.Keys];

    private static readonly Dictionary<string, LaceComorbidity> Icd10 = Icd10Prefixes();

    private static Dictionary<string, LaceComorbidity> Icd10Prefixes()
    {
        var map = new Dictionary<string, LaceComorbidity>();
        void Add(LaceComorbidity c, params string[] prefixes)
        {
            foreach (var p in prefixes)
            {
                map[p] = c;
            }
        }

        Add(LaceComorbidity.PreviousMyocardialInfarction, "I21", "I22", "I252");
        Add(LaceComorbidity.CongestiveHeartFailure, "I099", "I110", "I130", "I132", "I255", "I420", "I425", "I426", "I427", "I428", "I429", "I43", "I50", "P290");
        Add(LaceComorbidity.PeripheralVascularDisease, "I70", "I71", "I731", "I738", "I739", "I771", "I790", "I792", "K551", "K558", "K559", "Z958", "Z959");
        Add(LaceComorbidity.CerebrovascularDisease, "G45", "G46", "H340", "I60", "I61", "I62", "I63", "I64", "I65", "I66", "I67", "I68", "I69");
        Add(LaceComorbidity.Dementia, "F00", "F01", "F02", "F03", "F051", "G30", "G311");
        Add(LaceComorbidity.ChronicPulmonaryDisease, "I278", "I279", "J40", "J41", "J42", "J43", "J44", "J45", "J46", "J47", "J60", "J61", "J62", "J63", "J64", "J65", "J66", "J67", "J684", "J701", "J703");
        Add(LaceComorbidity.ConnectiveTissueDisease, "M05", "M06", "M315", "M32", "M33", "M34", "M351", "M353", "M360");
        Add(LaceComorbidity.MildLiverDisease, "B18", "K700", "K701", "K702", "K703", "K709", "K713", "K714", "K715", "K717", "K73", "K74", "K760", "K762", "K763", "K764", "K768", "K769", "Z944");
        Add(LaceComorbidity.ModerateOrSevereLiverDisease, "I850", "I859", "I864", "I982", "K704", "K711", "K721", "K729", "K765", "K766", "K767");
        foreach (var diabetes in new[] { "E10", "E11", "E12", "E13", "E14" })
        {
            Add(LaceComorbidity.DiabetesWithoutComplications, diabetes);
            Add(LaceComorbidity.DiabetesWithEndOrganDamage, $"{diabetes}2", $"{diabetes}3", $"{diabetes}4", $"{diabetes}5", $"{diabetes}7");
        }

        foreach (var n in Enumerable.Range(0, 98))
        {
            var tumour = n is <= 26 or (>= 30 and <= 34) or (>= 37 and <= 41) or 43 or (>= 45 and <= 58) or (>= 60 and <= 76) or (>= 81 and <= 85) or 88 or >= 90;
            if (tumour)
            {
                Add(LaceComorbidity.AnyTumour, $"C{n:00}");
            }
        }

        Add(LaceComorbidity.MetastaticSolidTumour, "C77", "C78", "C79", "C80");
        Add(LaceComorbidity.Aids, "B20", "B21", "B22", "B24");
        return map;
    }

    private static readonly Dictionary<string, LaceComorbidity> Snomed = new()
    {
        ["22298006"] = LaceComorbidity.PreviousMyocardialInfarction, // myocardial infarction
        ["399211009"] = LaceComorbidity.PreviousMyocardialInfarction, // history of myocardial infarction
        ["230690007"] = LaceComorbidity.CerebrovascularDisease, // stroke
        ["266257000"] = LaceComorbidity.CerebrovascularDisease, // transient ischaemic attack
        ["399957001"] = LaceComorbidity.PeripheralVascularDisease, // peripheral arterial occlusive disease
        ["400047006"] = LaceComorbidity.PeripheralVascularDisease, // peripheral vascular disease
        ["44054006"] = LaceComorbidity.DiabetesWithoutComplications, // type 2 diabetes
        ["46635009"] = LaceComorbidity.DiabetesWithoutComplications, // type 1 diabetes
        ["73211009"] = LaceComorbidity.DiabetesWithoutComplications, // diabetes mellitus
        ["84114007"] = LaceComorbidity.CongestiveHeartFailure, // heart failure
        ["88805009"] = LaceComorbidity.CongestiveHeartFailure, // chronic congestive heart failure
        ["42343007"] = LaceComorbidity.CongestiveHeartFailure, // congestive heart failure
        ["127013003"] = LaceComorbidity.DiabetesWithEndOrganDamage, // diabetic renal disease
        ["90781000119102"] = LaceComorbidity.DiabetesWithEndOrganDamage, // microalbuminuria due to type 2 diabetes
        ["368581000119106"] = LaceComorbidity.DiabetesWithEndOrganDamage, // neuropathy due to type 2 diabetes
        ["422034002"] = LaceComorbidity.DiabetesWithEndOrganDamage, // diabetic retinopathy, type 2
        ["1501000119109"] = LaceComorbidity.DiabetesWithEndOrganDamage, // proliferative diabetic retinopathy, type 2
        ["97331000119101"] = LaceComorbidity.DiabetesWithEndOrganDamage, // macular oedema and retinopathy, type 2
        ["157141000119108"] = LaceComorbidity.DiabetesWithEndOrganDamage, // proteinuria due to type 2 diabetes
        ["13645005"] = LaceComorbidity.ChronicPulmonaryDisease, // COPD
        ["185086009"] = LaceComorbidity.ChronicPulmonaryDisease, // chronic obstructive bronchitis
        ["87433001"] = LaceComorbidity.ChronicPulmonaryDisease, // pulmonary emphysema
        ["195967001"] = LaceComorbidity.ChronicPulmonaryDisease, // asthma
        ["233678006"] = LaceComorbidity.ChronicPulmonaryDisease, // childhood asthma
        ["128302006"] = LaceComorbidity.MildLiverDisease, // chronic hepatitis C
        ["61977001"] = LaceComorbidity.MildLiverDisease, // chronic hepatitis B
        ["197321007"] = LaceComorbidity.MildLiverDisease, // steatosis of liver
        ["19943007"] = LaceComorbidity.ModerateOrSevereLiverDisease, // cirrhosis of liver
        ["363406005"] = LaceComorbidity.AnyTumour, // malignant tumour of colon
        ["109838007"] = LaceComorbidity.AnyTumour, // overlapping malignant neoplasm of colon
        ["254637007"] = LaceComorbidity.AnyTumour, // non-small cell lung cancer
        ["424132000"] = LaceComorbidity.AnyTumour, // non-small cell carcinoma of lung, stage 1
        ["254632001"] = LaceComorbidity.AnyTumour, // small cell carcinoma of lung
        ["126906006"] = LaceComorbidity.AnyTumour, // neoplasm of prostate
        ["92691004"] = LaceComorbidity.AnyTumour, // carcinoma in situ of prostate
        ["93761005"] = LaceComorbidity.AnyTumour, // primary malignant neoplasm of colon
        ["254837009"] = LaceComorbidity.AnyTumour, // malignant neoplasm of breast
        ["314994000"] = LaceComorbidity.MetastaticSolidTumour, // metastasis from malignant tumour of prostate
        ["94260004"] = LaceComorbidity.MetastaticSolidTumour, // secondary malignant neoplasm of colon
        ["128462008"] = LaceComorbidity.MetastaticSolidTumour, // secondary malignant neoplastic disease
        ["94222008"] = LaceComorbidity.MetastaticSolidTumour, // secondary malignant neoplasm of bone
        ["52448006"] = LaceComorbidity.Dementia, // dementia
        ["26929004"] = LaceComorbidity.Dementia, // Alzheimer's disease
        ["230265002"] = LaceComorbidity.Dementia, // familial Alzheimer's disease of early onset
        ["69896004"] = LaceComorbidity.ConnectiveTissueDisease, // rheumatoid arthritis
        ["55464009"] = LaceComorbidity.ConnectiveTissueDisease, // systemic lupus erythematosus
        ["89155008"] = LaceComorbidity.ConnectiveTissueDisease, // systemic sclerosis
        ["62479008"] = LaceComorbidity.Aids, // AIDS
        ["86406008"] = LaceComorbidity.Aids, // HIV disease
    };
}
