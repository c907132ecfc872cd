using System.Collections.Immutable;
using System.Globalization;

using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Population;

/// <summary>
/// The population as screening and the risk model read it, held in memory: every patient, and per patient their
/// encounters (by start time), the conditions on the screening list, and their claims. Built from the database in one
/// pass and kept while the population stamp is unchanged (<see cref="PopulationCache"/>), so a screening run over a
/// million patients reads memory, not 30 million rows. Both databases load into the same arrays in the same order, so
/// they screen alike. See docs/adr/0006.
/// </summary>
public sealed class PopulationSnapshot
{
    public const int NoTime = int.MinValue;

    /// <summary>Times are whole minutes since 2000-01-01 UTC: an int, and precise enough for every rule.</summary>
    private static readonly DateTime Epoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public readonly record struct Visit(int Start, int End, int Provider, int Facility, int Reason, EncounterKind Kind);

    /// <summary>Onset is a day number, or <see cref="NoTime"/> when unknown.</summary>
    public readonly record struct Diagnosis(int Code, int Onset, bool Resolved);

    public readonly record struct Charge(int At, double Amount);

    /// <summary>A condition code as recorded, and what it counts as: a chronic group (its index in the default list), a social determinant, a LACE comorbidity.</summary>
    public sealed record Coded(CodeSystem System, string Code, string Display, int Group, bool Social, LaceComorbidity? Lace);

    private PopulationSnapshot()
    {
    }

    /// <summary>The population stamp this copy was read at; null when the database had none.</summary>
    public Guid? Token { get; private init; }

    /// <summary>The last change of the population log folded into this copy.</summary>
    public long Applied { get; private init; }

    /// <summary>How many patients' changes were folded in since the copy was loaded whole.</summary>
    public int Patched => _patched.Count;

    public int Count { get; private init; }

    // The arrays below may be longer than Count: a patient added by a patch goes in the spare room, which a copy with the
    // smaller Count never reads.
    public PatientId[] Patients { get; private init; } = [];

    public Guid[] HealthLinkOf { get; private init; } = [];

    public DateOnly[] Born { get; private init; } = [];

    public DateOnly?[] Died { get; private init; } = [];

    public bool[] Female { get; private init; } = [];

    /// <summary>Whether the patient has any cost record; those who have none get an estimate from their encounters.</summary>
    public bool[] Billed { get; private init; } = [];

    public string[] Reasons { get; private init; } = [];

    public Coded[] Codes { get; private init; } = [];

    private Numbering Numbers { get; init; } = new();

    private IReadOnlyDictionary<int, string[]> SourceIds { get; init; } = new Dictionary<int, string[]>();

    private Dictionary<PatientId, int> Index { get; init; } = [];

    private ImmutableDictionary<PatientId, int> _added = ImmutableDictionary<PatientId, int>.Empty;

    private ImmutableDictionary<int, Rows> _patched = ImmutableDictionary<int, Rows>.Empty;

    private int[] VisitsFrom { get; init; } = [0];

    private Visit[] Visits { get; init; } = [];

    private int[] DiagnosesFrom { get; init; } = [0];

    private Diagnosis[] Diagnoses { get; init; } = [];

    private int[] ChargesFrom { get; init; } = [0];

    private Charge[] Charges { get; init; } = [];

    /// <summary>The patient's encounters, earliest first.</summary>
    public ReadOnlySpan<Visit> VisitsOf(int patient) =>
        !_patched.IsEmpty && _patched.TryGetValue(patient, out var rows) ? rows.Visits : Visits.AsSpan(VisitsFrom[patient], VisitsFrom[patient + 1] - VisitsFrom[patient]);

    public ReadOnlySpan<Diagnosis> DiagnosesOf(int patient) =>
        !_patched.IsEmpty && _patched.TryGetValue(patient, out var rows) ? rows.Diagnoses : Diagnoses.AsSpan(DiagnosesFrom[patient], DiagnosesFrom[patient + 1] - DiagnosesFrom[patient]);

    /// <summary>The patient's claims (not explanations of benefit, which repeat them).</summary>
    public ReadOnlySpan<Charge> ChargesOf(int patient) =>
        !_patched.IsEmpty && _patched.TryGetValue(patient, out var rows) ? rows.Charges : Charges.AsSpan(ChargesFrom[patient], ChargesFrom[patient + 1] - ChargesFrom[patient]);

    /// <summary>The patient's ids in the systems their records came from.</summary>
    public string[] SourceIdsOf(int patient) =>
        !_patched.IsEmpty && _patched.TryGetValue(patient, out var rows) ? rows.SourceIds : SourceIds.GetValueOrDefault(patient, []);

    public int? IndexOf(PatientId patient) => Index.TryGetValue(patient, out var i) ? i : _added.TryGetValue(patient, out i) ? i : null;

    public static int Minutes(DateTime time)
    {
        var ticks = time.Ticks - Epoch.Ticks;
        return (int)(ticks >= 0 ? ticks / TimeSpan.TicksPerMinute : ((ticks + 1) / TimeSpan.TicksPerMinute) - 1);
    }

    public static int Minutes(DateOnly day) => Minutes(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    public static DateTime Time(int minutes) => Epoch.AddMinutes(minutes);

    public static async Task<PopulationSnapshot> Load(HealthLinksDb db, Guid? token, CancellationToken ct) => await Load(db, token, 0, ct);

    public static async Task<PopulationSnapshot> Load(HealthLinksDb db, Guid? token, long applied, CancellationToken ct)
    {
        // Sorted in memory by id, so both databases give the same order whatever their collation.
        var people = await People(db, null, ct);
        people.Sort((a, b) => a.Id.Value.CompareTo(b.Id.Value));
        var index = new Dictionary<PatientId, int>(people.Count);
        for (var i = 0; i < people.Count; i++)
        {
            index[people[i].Id] = i;
        }

        var numbers = new Numbering();
        var (visitsFrom, visits) = await LoadVisits(db, index, null, numbers, ct);
        var (diagnosesFrom, diagnoses) = await LoadDiagnoses(db, index, null, numbers, ct);
        var (chargesFrom, charges, billed) = await LoadCharges(db, index, null, ct);
        var sourceIds = await LoadSourceIds(db, index, null, ct);

        return new PopulationSnapshot
        {
            Token = token,
            Applied = applied,
            Count = people.Count,
            Patients = people.Select(p => p.Id).ToArray(),
            HealthLinkOf = people.Select(p => p.HealthLinkId).ToArray(),
            Born = people.Select(p => p.DateOfBirth).ToArray(),
            Died = people.Select(p => p.DiedOn).ToArray(),
            Female = people.Select(p => p.Female).ToArray(),
            Billed = billed,
            VisitsFrom = visitsFrom,
            Visits = visits,
            Reasons = [.. numbers.ReasonNames],
            DiagnosesFrom = diagnosesFrom,
            Diagnoses = diagnoses,
            Codes = [.. numbers.Coded],
            ChargesFrom = chargesFrom,
            Charges = charges,
            SourceIds = sourceIds,
            Index = index,
            Numbers = numbers,
        };
    }

    /// <summary>
    /// A copy with these patients read again from the database (a hospital message about one patient costs a few small
    /// queries, not a reload). Null when one of them is gone from the database (merged or removed): then load it whole.
    /// The caller holds the only writer's lock: numbering and spare room are shared with the copy before.
    /// </summary>
    public async Task<PopulationSnapshot?> Patch(HealthLinksDb db, IReadOnlyCollection<PatientId> changed, Guid? token, long applied, CancellationToken ct)
    {
        var people = await People(db, changed, ct);
        if (people.Count != changed.Count)
        {
            return null;
        }

        people.Sort((a, b) => a.Id.Value.CompareTo(b.Id.Value));
        var local = new Dictionary<PatientId, int>(people.Count);
        for (var i = 0; i < people.Count; i++)
        {
            local[people[i].Id] = i;
        }

        var (visitsFrom, visits) = await LoadVisits(db, local, changed, Numbers, ct);
        var (diagnosesFrom, diagnoses) = await LoadDiagnoses(db, local, changed, Numbers, ct);
        var (chargesFrom, charges, billed) = await LoadCharges(db, local, changed, ct);
        var sourceIds = await LoadSourceIds(db, local, changed, ct);

        var newcomers = people.Count(p => IndexOf(p.Id) is null);
        var (patients, healthLinks, born, died, female, billedAll) = (Patients, HealthLinkOf, Born, Died, Female, Billed);
        if (Count + newcomers > Patients.Length)
        {
            var room = Math.Max(16, (Count + newcomers) * 5 / 4);
            (patients, healthLinks, born, died, female, billedAll) = (Grow(Patients, room), Grow(HealthLinkOf, room), Grow(Born, room), Grow(Died, room), Grow(Female, room), Grow(Billed, room));
        }

        var (count, added, patched) = (Count, _added, _patched);
        for (var i = 0; i < people.Count; i++)
        {
            var person = people[i];
            if (IndexOf(person.Id) is not { } at)
            {
                at = count++;
                added = added.SetItem(person.Id, at);
            }

            (patients[at], healthLinks[at], born[at], died[at], female[at], billedAll[at]) = (person.Id, person.HealthLinkId, person.DateOfBirth, person.DiedOn, person.Female, billed[i]);
            patched = patched.SetItem(at, new Rows(
                visits[visitsFrom[i]..visitsFrom[i + 1]],
                diagnoses[diagnosesFrom[i]..diagnosesFrom[i + 1]],
                charges[chargesFrom[i]..chargesFrom[i + 1]],
                sourceIds.GetValueOrDefault(i, [])));
        }

        return new PopulationSnapshot
        {
            Token = token,
            Applied = applied,
            Count = count,
            Patients = patients,
            HealthLinkOf = healthLinks,
            Born = born,
            Died = died,
            Female = female,
            Billed = billedAll,
            VisitsFrom = VisitsFrom,
            Visits = Visits,
            Reasons = Numbers.ReasonNames.Count == Reasons.Length ? Reasons : [.. Numbers.ReasonNames],
            DiagnosesFrom = DiagnosesFrom,
            Diagnoses = Diagnoses,
            Codes = Numbers.Coded.Count == Codes.Length ? Codes : [.. Numbers.Coded],
            ChargesFrom = ChargesFrom,
            Charges = Charges,
            SourceIds = SourceIds,
            Index = Index,
            Numbers = Numbers,
            _added = added,
            _patched = patched,
        };
    }

    /// <summary>One patient as screening reads them, with every number resolved: two copies agree when these agree.</summary>
    internal string Describe(int patient)
    {
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Patients[patient]} {HealthLinkOf[patient]} {Born[patient]:O} {Died[patient]:O} {Female[patient]} {Billed[patient]} [{string.Join(',', SourceIdsOf(patient))}]\n");
        foreach (var v in VisitsOf(patient))
        {
            text.Append(CultureInfo.InvariantCulture, $"V {v.Start} {v.End} {Numbers.ProviderOf(v.Provider)} {Numbers.FacilityOf(v.Facility)} {(v.Reason < 0 ? "" : Reasons[v.Reason])} {v.Kind}\n");
        }

        foreach (var d in DiagnosesOf(patient))
        {
            var c = Codes[d.Code];
            text.Append(CultureInfo.InvariantCulture, $"D {c.System} {c.Code} {c.Display} {c.Group} {c.Social} {d.Onset} {d.Resolved}\n");
        }

        foreach (var c in ChargesOf(patient))
        {
            text.Append(CultureInfo.InvariantCulture, $"C {c.At} {c.Amount}\n");
        }

        return text.ToString();
    }

    private static T[] Grow<T>(T[] array, int length)
    {
        var grown = new T[length];
        array.AsSpan().CopyTo(grown);
        return grown;
    }

    private sealed record Person(PatientId Id, Guid HealthLinkId, DateOnly DateOfBirth, DateOnly? DiedOn, bool Female);

    private sealed record Rows(Visit[] Visits, Diagnosis[] Diagnoses, Charge[] Charges, string[] SourceIds);

    /// <summary>The numbers given to providers, facilities, reasons and codes; shared by a copy and its patches, so numbers keep their meaning.</summary>
    private sealed class Numbering
    {
        public Dictionary<Guid, int> Providers { get; } = [];

        public Dictionary<Guid, int> Facilities { get; } = [];

        public Dictionary<string, int> Reasons { get; } = new(StringComparer.Ordinal);

        public List<string> ReasonNames { get; } = [];

        public Dictionary<(CodeSystem, string, string), int> CodeNumbers { get; } = [];

        public List<Coded> Coded { get; } = [];

        public int Reason(string reason)
        {
            if (!Reasons.TryGetValue(reason, out var number))
            {
                number = Reasons[reason] = ReasonNames.Count;
                ReasonNames.Add(reason);
            }

            return number;
        }

        public Guid? ProviderOf(int number) => number < 0 ? null : Providers.First(p => p.Value == number).Key;

        public Guid? FacilityOf(int number) => number < 0 ? null : Facilities.First(p => p.Value == number).Key;
    }

    private static async Task<List<Person>> People(HealthLinksDb db, IReadOnlyCollection<PatientId>? only, CancellationToken ct) =>
        await (only is null ? db.Patients : db.Patients.Where(p => only.Contains(p.Id))).AsNoTracking()
            .Select(p => new Person(p.Id, p.HealthLinkId, p.DateOfBirth, p.DiedOn, p.Sex == AdministrativeSex.Female)).ToListAsync(ct);

    private static async Task<Dictionary<int, string[]>> LoadSourceIds(HealthLinksDb db, Dictionary<PatientId, int> index, IReadOnlyCollection<PatientId>? only, CancellationToken ct)
    {
        var links = db.SourceLinks.AsNoTracking().Where(l => l.ResourceType == "Patient" && l.PatientId != null);
        if (only is not null)
        {
            links = links.Where(l => only.Contains(l.PatientId!.Value));
        }

        return (await links.Select(l => new { l.PatientId, l.SourceId }).ToListAsync(ct))
            .Where(l => index.ContainsKey(l.PatientId!.Value))
            .GroupBy(l => index[l.PatientId!.Value])
            .ToDictionary(g => g.Key, g => g.Select(l => l.SourceId).Order(StringComparer.Ordinal).ToArray());
    }

    private static async Task<(int[] From, Visit[] Rows)> LoadVisits(HealthLinksDb db, Dictionary<PatientId, int> index, IReadOnlyCollection<PatientId>? only, Numbering numbers, CancellationToken ct)
    {
        var encounters = only is null ? db.Encounters : db.Encounters.Where(e => only.Contains(e.PatientId));
        var rows = new Rows<Visit>(only is null ? await db.Encounters.CountAsync(ct) : 0);
        var query = encounters.AsNoTracking().Select(e => new { e.PatientId, e.Kind, e.Start, e.End, e.ProviderId, e.FacilityId, e.Reason });
        await foreach (var e in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (index.TryGetValue(e.PatientId, out var owner))
            {
                rows.Add(owner, new Visit(
                    Minutes(e.Start),
                    e.End is { } end ? Minutes(end) : NoTime,
                    e.ProviderId is { } provider ? Number(numbers.Providers, provider.Value) : -1,
                    e.FacilityId is { } facility ? Number(numbers.Facilities, facility) : -1,
                    e.Reason is null ? -1 : numbers.Reason(e.Reason),
                    e.Kind));
            }
        }

        // Encounters that start in the same minute are ordered by what they are, so both databases list them alike.
        var names = numbers.ReasonNames;
        Comparison<Visit> order = (a, b) =>
            a.Start != b.Start ? a.Start.CompareTo(b.Start)
            : a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind)
            : a.End != b.End ? a.End.CompareTo(b.End)
            : string.CompareOrdinal(a.Reason < 0 ? null : names[a.Reason], b.Reason < 0 ? null : names[b.Reason]);
        var (from, visits) = rows.ByOwner(index.Count);
        for (var p = 0; p < index.Count; p++)
        {
            visits.AsSpan(from[p], from[p + 1] - from[p]).Sort(order);
        }

        return (from, visits);
    }

    private static async Task<(int[] From, Diagnosis[] Rows)> LoadDiagnoses(HealthLinksDb db, Dictionary<PatientId, int> index, IReadOnlyCollection<PatientId>? only, Numbering numbers, CancellationToken ct)
    {
        var groups = ChronicConditions.Default;
        var snomed = groups.SelectMany(g => g.SnomedCt).Concat(ChronicConditions.Social.SnomedCt).Concat(LaceComorbidities.SnomedCodes).Distinct().ToList();
        var categories = groups.SelectMany(g => g.Icd10CaCategories).Concat(ChronicConditions.Social.Icd10CaCategories).Concat(LaceComorbidities.Icd10Categories).Distinct().ToList();
        var conditions = only is null ? db.Conditions : db.Conditions.Where(c => only.Contains(c.PatientId));
        var query = conditions.AsNoTracking()
            .Where(c => (c.System == CodeSystem.SnomedCt && snomed.Contains(c.Code)) || (c.System == CodeSystem.Icd10Ca && categories.Contains(c.Code.Substring(0, 3))))
            .Select(c => new { c.PatientId, c.System, c.Code, c.Display, c.Onset, c.Status });
        var rows = new Rows<Diagnosis>(0);
        await foreach (var c in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!index.TryGetValue(c.PatientId, out var owner))
            {
                continue;
            }

            if (!numbers.CodeNumbers.TryGetValue((c.System, c.Code, c.Display), out var code))
            {
                code = numbers.CodeNumbers[(c.System, c.Code, c.Display)] = numbers.Coded.Count;
                var group = groups.Select((g, i) => (g, i)).FirstOrDefault(x => ChronicConditions.Matches(x.g, c.System, c.Code), (null!, -1)).Item2;
                numbers.Coded.Add(new Coded(c.System, c.Code, c.Display, group, ChronicConditions.Matches(ChronicConditions.Social, c.System, c.Code), LaceComorbidities.Of(c.System, c.Code)));
            }

            rows.Add(owner, new Diagnosis(code, c.Onset?.DayNumber ?? NoTime, c.Status == ConditionStatus.Resolved));
        }

        var (from, diagnoses) = rows.ByOwner(index.Count);
        for (var p = 0; p < index.Count; p++)
        {
            diagnoses.AsSpan(from[p], from[p + 1] - from[p]).Sort((a, b) => Compare(a, b, numbers.Coded));
        }

        return (from, diagnoses);
    }

    private static int Compare(Diagnosis a, Diagnosis b, List<Coded> coded) =>
        a.Onset != b.Onset ? a.Onset.CompareTo(b.Onset)
        : a.Code == b.Code ? a.Resolved.CompareTo(b.Resolved)
        : string.CompareOrdinal(coded[a.Code].Code + "|" + coded[a.Code].Display, coded[b.Code].Code + "|" + coded[b.Code].Display);

    private static async Task<(int[] From, Charge[] Rows, bool[] Billed)> LoadCharges(HealthLinksDb db, Dictionary<PatientId, int> index, IReadOnlyCollection<PatientId>? only, CancellationToken ct)
    {
        var billed = new bool[index.Count];
        var rows = new Rows<Charge>(0);
        var costs = only is null ? db.CostRecords : db.CostRecords.Where(c => only.Contains(c.PatientId));
        await foreach (var c in costs.AsNoTracking().Select(c => new { c.PatientId, c.Kind, c.At, c.Amount }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (index.TryGetValue(c.PatientId, out var owner))
            {
                billed[owner] = true;
                if (c.Kind == CostKind.Claim)
                {
                    rows.Add(owner, new Charge(Minutes(c.At), (double)c.Amount));
                }
            }
        }

        var (from, charges) = rows.ByOwner(index.Count);
        return (from, charges, billed);
    }

    private static int Number<T>(Dictionary<T, int> numbers, T key)
        where T : notnull
    {
        if (!numbers.TryGetValue(key, out var number))
        {
            number = numbers[key] = numbers.Count;
        }

        return number;
    }

    /// <summary>Rows read in any order, then grouped by patient with a counting sort: linear, and one extra copy at most.</summary>
    private sealed class Rows<T>(int expected)
    {
        private int[] owners = new int[Math.Max(expected, 16)];
        private T[] rows = new T[Math.Max(expected, 16)];
        private int count;

        public void Add(int owner, T row)
        {
            if (count == rows.Length)
            {
                Array.Resize(ref owners, count * 2);
                Array.Resize(ref rows, count * 2);
            }

            owners[count] = owner;
            rows[count++] = row;
        }

        public (int[] From, T[] Rows) ByOwner(int patients)
        {
            var from = new int[patients + 1];
            for (var i = 0; i < count; i++)
            {
                from[owners[i] + 1]++;
            }

            for (var p = 0; p < patients; p++)
            {
                from[p + 1] += from[p];
            }

            var next = (int[])from.Clone();
            var sorted = new T[count];
            for (var i = 0; i < count; i++)
            {
                sorted[next[owners[i]]++] = rows[i];
            }

            (owners, rows) = ([], []);
            return (from, sorted);
        }
    }
}
