using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Import;

/// <summary>
/// What writing another system's records into ours needs whatever the format (a FHIR file, a hospital message): what
/// earlier imports brought in (source links by source id), a patient found by health card number within the Health
/// Link, an encounter added or brought up to date, and the tallies and the patients written to, for the audit.
/// Everything goes into the context; the caller saves, in its transaction.
/// </summary>
internal sealed class RecordImport(HealthLinksDb db, HealthLink healthLink, string source, DateTime now)
{
    private readonly Dictionary<(string Type, string Id), SourceLink> _links = [];
    private readonly HashSet<PatientId> _touched = [];
    private readonly Dictionary<Guid, Encounter> _encounters = [];

    public HealthLink HealthLink => healthLink;

    public string Source => source;

    public Dictionary<string, int> Imported { get; } = [];

    public int Unchanged { get; private set; }

    /// <summary>The patients whose records were written to.</summary>
    public IReadOnlyCollection<PatientId> Touched => _touched;

    /// <summary>Reads the links of the source's records named, and the encounters they lead to, so later lookups need no query.</summary>
    public async Task Recall(IEnumerable<(string Type, string Id)> named, CancellationToken ct)
    {
        // By type, so the lookup uses the unique index (source, type, id); in chunks, as SQLite takes at most 32,766 parameters in one statement.
        foreach (var group in named.Distinct().GroupBy(n => n.Type, n => n.Id))
        {
            foreach (var ids in group.Chunk(5_000))
            {
                foreach (var link in await db.SourceLinks.AsNoTracking().Where(l => l.Source == source && l.ResourceType == group.Key && ids.Contains(l.SourceId)).ToListAsync(ct))
                {
                    _links[(link.ResourceType, link.SourceId)] = link;
                }
            }
        }

        foreach (var ids in _links.Values.Where(l => l.ResourceType == "Encounter").Select(l => l.LocalId).Chunk(5_000))
        {
            foreach (var encounter in await db.Encounters.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(ct))
            {
                _encounters[encounter.Id] = encounter;
            }
        }
    }

    public bool Knows(string type, string sourceId) => _links.ContainsKey((type, sourceId));

    /// <summary>Our id for a record of the source, when an import brought it in.</summary>
    public Guid? LocalId(string type, string sourceId) => _links.TryGetValue((type, sourceId), out var link) ? link.LocalId : null;

    /// <summary>A new record of ours that the source's record becomes; <see cref="Link"/> then remembers which.</summary>
    public void Add<T>(T record)
        where T : class => db.Add(record);

    /// <summary>A record already here, left as it is.</summary>
    public void Keep() => Unchanged++;

    /// <summary>Remembers that the source's record is now ours, with this id, and counts it.</summary>
    public void Link(string type, string sourceId, Guid localId, PatientId? patient)
    {
        var link = new SourceLink(source, type, sourceId, localId, patient);
        db.SourceLinks.Add(link);
        _links[(type, sourceId)] = link;
        Count(type, patient);
    }

    /// <summary>
    /// A patient of this Health Link with the same health card number is the same person: linked, not duplicated (and
    /// null is returned). One of another Health Link is refused, not merged: an import writes to its own Health Link's
    /// records only.
    /// </summary>
    public async Task<PatientId?> Patient(string sourceId, PatientDetails details, DateOnly? died, CancellationToken ct)
    {
        if (details.HealthCardNumber is { } card && await db.Patients.FirstOrDefaultAsync(x => x.HealthCardNumber == card, ct) is { } known)
        {
            if (known.HealthLinkId != healthLink.Id)
            {
                throw new DomainRuleException("HealthCardNumber", Rules.NotAllowed, "is a patient of another Health Link: not imported here");
            }

            var link = new SourceLink(source, "Patient", sourceId, known.Id.Value, known.Id);
            db.SourceLinks.Add(link);
            _links[("Patient", sourceId)] = link;
            Unchanged++;
            return null;
        }

        var patient = new Patient(healthLink.Id, details, OntarioTime.DayOf(now));
        if (died is { } day)
        {
            patient.RecordDeath(day, OntarioTime.DayOf(now));
        }

        db.Patients.Add(patient);
        Link("Patient", sourceId, patient.Id.Value, patient.Id);
        return patient.Id;
    }

    /// <summary>
    /// A new encounter is added; one the source told before is brought up to date (a discharge, a reason) when it says
    /// more. Call <see cref="Recall"/> with its source id first.
    /// </summary>
    public void Encounter(string sourceId, Encounter told)
    {
        if (LocalId("Encounter", sourceId) is not { } id)
        {
            db.Encounters.Add(told);
            Link("Encounter", sourceId, told.Id, told.PatientId);
            _encounters[told.Id] = told;
        }
        else if (_encounters.TryGetValue(id, out var known) && known.DiffersFrom(told))
        {
            // Read without tracking (a file may hold many); tracked from here, so the change is saved.
            db.Attach(known);
            known.Update(told);
            Count("Encounter", known.PatientId);
        }
        else
        {
            Unchanged++;
        }
    }

    /// <summary>The region's organization for what the source names without one, made the first time it is needed.</summary>
    public Organization CatchAll(string name)
    {
        var organization = db.Organizations.Local.FirstOrDefault(o => o.Name == name && o.RegionId == healthLink.RegionId)
            ?? db.Organizations.FirstOrDefault(o => o.Name == name && o.RegionId == healthLink.RegionId);
        if (organization is null)
        {
            organization = new Organization(healthLink.RegionId, name, OrganizationKind.Other);
            db.Organizations.Add(organization);
        }

        return organization;
    }

    private void Count(string type, PatientId? patient)
    {
        Imported[type] = Imported.GetValueOrDefault(type) + 1;
        if (patient is { } touched)
        {
            _touched.Add(touched);
        }
    }
}
