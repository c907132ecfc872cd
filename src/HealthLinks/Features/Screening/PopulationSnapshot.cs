using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Screening;

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

    /// <summary>A condition code as recorded, and what it counts as: a chronic group (its index in the default list) or a social determinant.</summary>
    public sealed record Coded(CodeSystem System, string Code, string Display, int Group, bool Social);

    private PopulationSnapshot()
    {
    }

    /// <summary>The population stamp this copy was read at; null when the database had none.</summary>
    public Guid? Token { get; private init; }

    public int Count => Patients.Length;

    public PatientId[] Patients { get; private init; } = [];

    public Guid[] HealthLinkOf { get; private init; } = [];

    public DateOnly[] Born { get; private init; } = [];

    public DateOnly?[] Died { get; private init; } = [];

    public bool[] Female { get; private init; } = [];

    /// <summary>Whether the patient has any cost record; those who have none get an estimate from their encounters.</summary>
    public bool[] Billed { get; private init; } = [];

    public string[] Reasons { get; private init; } = [];

    public Coded[] Codes { get; private init; } = [];

    public IReadOnlyDictionary<int, string[]> SourceIds { get; private init; } = new Dictionary<int, string[]>();

    private int[] VisitsFrom { get; init; } = [0];

    private Visit[] Visits { get; init; } = [];

    private int[] DiagnosesFrom { get; init; } = [0];

    private Diagnosis[] Diagnoses { get; init; } = [];

    private int[] ChargesFrom { get; init; } = [0];

    private Charge[] Charges { get; init; } = [];

    /// <summary>The patient's encounters, earliest first.</summary>
    public ReadOnlySpan<Visit> VisitsOf(int patient) => Visits.AsSpan(VisitsFrom[patient], VisitsFrom[patient + 1] - VisitsFrom[patient]);

    public ReadOnlySpan<Diagnosis> DiagnosesOf(int patient) => Diagnoses.AsSpan(DiagnosesFrom[patient], DiagnosesFrom[patient + 1] - DiagnosesFrom[patient]);

    /// <summary>The patient's claims (not explanations of benefit, which repeat them).</summary>
    public ReadOnlySpan<Charge> ChargesOf(int patient) => Charges.AsSpan(ChargesFrom[patient], ChargesFrom[patient + 1] - ChargesFrom[patient]);

    public static int Minutes(DateTime time)
    {
        var ticks = time.Ticks - Epoch.Ticks;
        return (int)(ticks >= 0 ? ticks / TimeSpan.TicksPerMinute : ((ticks + 1) / TimeSpan.TicksPerMinute) - 1);
    }

    public static int Minutes(DateOnly day) => Minutes(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    public static DateTime Time(int minutes) => Epoch.AddMinutes(minutes);

    public static async Task<PopulationSnapshot> Load(HealthLinksDb db, Guid? token, CancellationToken ct)
    {
        // Sorted in memory by id, so both databases give the same order whatever their collation.
        var people = await db.Patients.AsNoTracking().Select(p => new { p.Id, p.HealthLinkId, p.DateOfBirth, p.DiedOn, p.Sex }).ToListAsync(ct);
        people.Sort((a, b) => a.Id.Value.CompareTo(b.Id.Value));
        var index = new Dictionary<PatientId, int>(people.Count);
        for (var i = 0; i < people.Count; i++)
        {
            index[people[i].Id] = i;
        }

        var (visitsFrom, visits, reasons) = await LoadVisits(db, index, ct);
        var (diagnosesFrom, diagnoses, codes) = await LoadDiagnoses(db, index, ct);
        var (chargesFrom, charges, billed) = await LoadCharges(db, index, ct);
        var sourceIds = (await db.SourceLinks.AsNoTracking().Where(l => l.ResourceType == "Patient" && l.PatientId != null)
                .Select(l => new { l.PatientId, l.SourceId }).ToListAsync(ct))
            .Where(l => index.ContainsKey(l.PatientId!.Value))
            .GroupBy(l => index[l.PatientId!.Value])
            .ToDictionary(g => g.Key, g => g.Select(l => l.SourceId).Order(StringComparer.Ordinal).ToArray());

        return new PopulationSnapshot
        {
            Token = token,
            Patients = people.Select(p => p.Id).ToArray(),
            HealthLinkOf = people.Select(p => p.HealthLinkId).ToArray(),
            Born = people.Select(p => p.DateOfBirth).ToArray(),
            Died = people.Select(p => p.DiedOn).ToArray(),
            Female = people.Select(p => p.Sex == AdministrativeSex.Female).ToArray(),
            Billed = billed,
            VisitsFrom = visitsFrom,
            Visits = visits,
            Reasons = reasons,
            DiagnosesFrom = diagnosesFrom,
            Diagnoses = diagnoses,
            Codes = codes,
            ChargesFrom = chargesFrom,
            Charges = charges,
            SourceIds = sourceIds,
        };
    }

    private static async Task<(int[] From, Visit[] Rows, string[] Reasons)> LoadVisits(HealthLinksDb db, Dictionary<PatientId, int> index, CancellationToken ct)
    {
        var providers = new Dictionary<Guid, int>();
        var facilities = new Dictionary<Guid, int>();
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new Rows<Visit>(await db.Encounters.CountAsync(ct));
        var query = db.Encounters.AsNoTracking().Select(e => new { e.PatientId, e.Kind, e.Start, e.End, e.ProviderId, e.FacilityId, e.Reason });
        await foreach (var e in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (index.TryGetValue(e.PatientId, out var owner))
            {
                rows.Add(owner, new Visit(
                    Minutes(e.Start),
                    e.End is { } end ? Minutes(end) : NoTime,
                    e.ProviderId is { } provider ? Number(providers, provider.Value) : -1,
                    e.FacilityId is { } facility ? Number(facilities, facility) : -1,
                    e.Reason is null ? -1 : Number(reasons, e.Reason),
                    e.Kind));
            }
        }

        var names = new string[reasons.Count];
        foreach (var (reason, number) in reasons)
        {
            names[number] = reason;
        }

        // Encounters that start in the same minute are ordered by what they are, so both databases list them alike.
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

        return (from, visits, names);
    }

    private static async Task<(int[] From, Diagnosis[] Rows, Coded[] Codes)> LoadDiagnoses(HealthLinksDb db, Dictionary<PatientId, int> index, CancellationToken ct)
    {
        var groups = ChronicConditions.Default;
        var snomed = groups.SelectMany(g => g.SnomedCt).Concat(ChronicConditions.Social.SnomedCt).ToList();
        var categories = groups.SelectMany(g => g.Icd10CaCategories).Concat(ChronicConditions.Social.Icd10CaCategories).ToList();
        var query = db.Conditions.AsNoTracking()
            .Where(c => (c.System == CodeSystem.SnomedCt && snomed.Contains(c.Code)) || (c.System == CodeSystem.Icd10Ca && categories.Contains(c.Code.Substring(0, 3))))
            .Select(c => new { c.PatientId, c.System, c.Code, c.Display, c.Onset, c.Status });
        var codes = new Dictionary<(CodeSystem, string, string), int>();
        var coded = new List<Coded>();
        var rows = new Rows<Diagnosis>(0);
        await foreach (var c in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!index.TryGetValue(c.PatientId, out var owner))
            {
                continue;
            }

            if (!codes.TryGetValue((c.System, c.Code, c.Display), out var code))
            {
                code = codes[(c.System, c.Code, c.Display)] = coded.Count;
                var group = groups.Select((g, i) => (g, i)).FirstOrDefault(x => ChronicConditions.Matches(x.g, c.System, c.Code), (null!, -1)).Item2;
                coded.Add(new Coded(c.System, c.Code, c.Display, group, ChronicConditions.Matches(ChronicConditions.Social, c.System, c.Code)));
            }

            rows.Add(owner, new Diagnosis(code, c.Onset?.DayNumber ?? NoTime, c.Status == ConditionStatus.Resolved));
        }

        var (from, diagnoses) = rows.ByOwner(index.Count);
        for (var p = 0; p < index.Count; p++)
        {
            diagnoses.AsSpan(from[p], from[p + 1] - from[p]).Sort((a, b) => Compare(a, b, coded));
        }

        return (from, diagnoses, coded.ToArray());
    }

    private static int Compare(Diagnosis a, Diagnosis b, List<Coded> coded) =>
        a.Onset != b.Onset ? a.Onset.CompareTo(b.Onset)
        : a.Code == b.Code ? a.Resolved.CompareTo(b.Resolved)
        : string.CompareOrdinal(coded[a.Code].Code + "|" + coded[a.Code].Display, coded[b.Code].Code + "|" + coded[b.Code].Display);

    private static async Task<(int[] From, Charge[] Rows, bool[] Billed)> LoadCharges(HealthLinksDb db, Dictionary<PatientId, int> index, CancellationToken ct)
    {
        var billed = new bool[index.Count];
        var rows = new Rows<Charge>(0);
        await foreach (var c in db.CostRecords.AsNoTracking().Select(c => new { c.PatientId, c.Kind, c.At, c.Amount }).AsAsyncEnumerable().WithCancellation(ct))
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
