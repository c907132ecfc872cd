using HealthLinks.Domain;
using HealthLinks.Features.Import;

using R4 = Hl7.Fhir.Model;

namespace HealthLinks.Fhir;

/// <summary>
/// One FHIR file's resources written into the database context (not saved), through the format-neutral
/// <see cref="RecordImport"/>: references resolved within the file (by fullUrl or Type/id) or to what earlier imports brought in.
/// </summary>
internal sealed class FhirFileImport(RecordImport records, string file, List<(int Number, string? FullUrl, R4.Resource Resource)> resources)
{
    private const string Unaffiliated = "Practitioners without an organization (FHIR import)";
    private readonly Dictionary<string, (string Type, string Id)> _fullUrls = [];
    private readonly Dictionary<string, PatientId> _patientOf = [];

    public List<ImportFhir.Rejection> Rejected { get; } = [];

    public async Task Run(CancellationToken ct)
    {
        foreach (var (_, fullUrl, resource) in resources.Where(r => r.FullUrl is not null && r.Resource.Id is not null))
        {
            _fullUrls[fullUrl!] = (resource.TypeName, resource.Id!);
        }

        await records.Recall(resources.Where(r => r.Resource.Id is not null).Select(r => (r.Resource.TypeName, r.Resource.Id!)), ct);
        foreach (var type in FhirResources.Supported)
        {
            foreach (var (number, _, resource) in resources.Where(r => r.Resource.TypeName == type))
            {
                if (resource.Id is null)
                {
                    Reject(number, $"the {type} has no id, so a later import could not recognise it");
                }
                else if (records.Knows(type, resource.Id) && resource is not R4.Encounter)
                {
                    records.Keep();
                }
                else
                {
                    await Import(number, resource, ct);
                }
            }
        }
    }

    // The resource has an id: Run checked.
    private async Task Import(int number, R4.Resource resource, CancellationToken ct)
    {
        try
        {
            var healthLink = records.HealthLink;
            (Guid Id, PatientId? Patient)? made = resource switch
            {
                R4.Organization o => Add(new Organization(healthLink.RegionId, FhirMapping.Clip(o.Name, 200) ?? "", FhirMapping.OrganizationKind(o))),
                R4.Practitioner p => Add(Practitioner(p)),
                R4.Patient p => await Patient(p, ct),
                R4.Encounter e => Encounter(e),
                R4.Condition c => Add(Condition(c)),
                R4.Claim c => Add(new CostRecord(PatientRef(c.Patient, "patient"), CostKind.Claim, Moment(c.Created, c.BillablePeriod?.Start), c.Total?.Value ?? 0, c.Total?.Currency?.ToString() ?? "", ImportFhir.Source)),
                R4.ExplanationOfBenefit b => Add(Benefit(b)),
                R4.MedicationRequest m => Add(Medication(m)),
                _ => null,
            };
            if (made is { } local)
            {
                records.Link(resource.TypeName, resource.Id!, local.Id, local.Patient);
            }
        }
        catch (DomainRuleException e)
        {
            Reject(number, $"{resource.TypeName}: " + string.Join("; ", e.Violations.Select(v => $"{v.Field} {v.Message}")));
        }
        catch (DanglingReferenceException e)
        {
            Reject(number, $"{resource.TypeName}: {e.Message}");
        }
    }

    private (Guid, PatientId?) Add(Organization o)
    {
        records.Add(o);
        return (o.Id, null);
    }

    private (Guid, PatientId?) Add(Provider p)
    {
        records.Add(p);
        return (p.Id.Value, null);
    }

    private (Guid, PatientId?) Add(Condition c)
    {
        records.Add(c);
        return (c.Id, c.PatientId);
    }

    private (Guid, PatientId?) Add(CostRecord c)
    {
        records.Add(c);
        return (c.Id, c.PatientId);
    }

    private (Guid, PatientId?) Add(MedicationOrder m)
    {
        records.Add(m);
        return (m.Id, m.PatientId);
    }

    /// <summary>The same person already here (by health card number) is linked, not duplicated; <see cref="RecordImport.Patient"/> decides.</summary>
    private async Task<(Guid, PatientId?)?> Patient(R4.Patient p, CancellationToken ct)
    {
        var died = p.Deceased is R4.FhirDateTime when ? FhirMapping.Day(when.Value) : null;
        await records.Patient(p.Id!, FhirMapping.Patient(p), died, ct);
        return null;
    }

    /// <summary>FHIR says nothing of a practitioner's organization here; the first encounter they took part in does.</summary>
    private Provider Practitioner(R4.Practitioner p)
    {
        var name = p.Name.FirstOrDefault();
        var organization = resources.Select(r => r.Resource).OfType<R4.Encounter>()
            .Where(e => e.Participant.Any(x => Refers(x.Individual?.Reference, "Practitioner", p.Id!)))
            .Select(e => Local(e.ServiceProvider?.Reference, "Organization"))
            .FirstOrDefault(id => id is not null);
        return new Provider(organization ?? records.CatchAll(Unaffiliated).Id, name?.Given.FirstOrDefault() ?? "", name?.Family ?? "", Profession.Other);
    }

    private (Guid, PatientId?)? Encounter(R4.Encounter e)
    {
        records.Encounter(e.Id!, ToEncounter(e));
        return null;
    }

    private Encounter ToEncounter(R4.Encounter e)
    {
        var patient = PatientRef(e.Subject, "subject");
        var start = FhirMapping.Moment(e.Period?.Start) ?? throw new DomainRuleException("period.start", Rules.Required, "is required");
        Guid? facility = e.ServiceProvider is null ? null : Local(e.ServiceProvider.Reference, "Organization") ?? throw Dangling("serviceProvider", e.ServiceProvider.Reference);
        var practitioner = e.Participant.Select(x => x.Individual?.Reference).FirstOrDefault(r => r?.Contains("Practitioner", StringComparison.Ordinal) == true || (r is not null && _fullUrls.TryGetValue(r, out var t) && t.Type == "Practitioner"));
        var provider = practitioner is null ? null : Local(practitioner, "Practitioner");
        var reason = e.ReasonCode.FirstOrDefault()?.Coding.FirstOrDefault()?.Display ?? e.Type.FirstOrDefault()?.Text ?? e.Type.FirstOrDefault()?.Coding.FirstOrDefault()?.Display;
        return new Encounter(patient, FhirMapping.Kind(e.Class?.Code), start, FhirMapping.Moment(e.Period?.End), facility, provider is { } id ? new ProviderId(id) : null, ImportFhir.Source, FhirMapping.Clip(reason, 300));
    }

    private Condition Condition(R4.Condition c)
    {
        var patient = PatientRef(c.Subject, "subject");
        var (system, code, display) = FhirMapping.Code(c.Code) ?? throw new DomainRuleException("code", Rules.UnknownCode, "has no SNOMED CT or ICD-10 coding");
        var onset = c.Onset is R4.FhirDateTime when ? FhirMapping.Day(when.Value) : null;
        return new Condition(patient, system, code, FhirMapping.Clip(display, 300)!, onset, FhirMapping.Status(c.ClinicalStatus, c.Abatement is not null), ImportFhir.Source);
    }

    private CostRecord Benefit(R4.ExplanationOfBenefit b)
    {
        var total = b.Total.FirstOrDefault()?.Amount ?? b.Payment?.Amount;
        return new CostRecord(PatientRef(b.Patient, "patient"), CostKind.ExplanationOfBenefit, Moment(b.Created, b.BillablePeriod?.Start), total?.Value ?? 0, total?.Currency?.ToString() ?? "", ImportFhir.Source);
    }

    private MedicationOrder Medication(R4.MedicationRequest m)
    {
        var concept = m.Medication as R4.CodeableConcept;
        var coding = concept?.Coding.FirstOrDefault() ?? throw new DomainRuleException("medication", Rules.Required, "needs a coded medicationCodeableConcept");
        return new MedicationOrder(PatientRef(m.Subject, "subject"), coding.Code ?? "", FhirMapping.Clip(coding.Display ?? concept.Text ?? coding.Code, 300) ?? "", FhirMapping.Moment(m.AuthoredOn), m.Status?.ToString() ?? "", ImportFhir.Source);
    }

    private static DateTime Moment(string? created, string? start) =>
        FhirMapping.Moment(created) ?? FhirMapping.Moment(start) ?? throw new DomainRuleException("created", Rules.Required, "is required");

    private PatientId PatientRef(R4.ResourceReference? reference, string field)
    {
        if (reference?.Reference is not { } r)
        {
            throw new DomainRuleException(field, Rules.Required, "must refer to the patient");
        }

        if (!_patientOf.TryGetValue(r, out var patient))
        {
            patient = new PatientId(Local(r, "Patient") ?? throw Dangling(field, r));
            _patientOf[r] = patient;
        }

        return patient;
    }

    /// <summary>The local id of what a reference points to: an entry of this file (by fullUrl or Type/id) or a resource imported before.</summary>
    private Guid? Local(string? reference, string type)
    {
        if (reference is null)
        {
            return null;
        }

        var (refType, id) = _fullUrls.TryGetValue(reference, out var known) ? known : Split(reference);
        return refType == type ? records.LocalId(type, id) : null;
    }

    private bool Refers(string? reference, string type, string id) => reference is not null && (_fullUrls.TryGetValue(reference, out var known) ? known : Split(reference)) == (type, id);

    private static (string Type, string Id) Split(string reference)
    {
        var parts = reference.Split('/');
        return parts.Length >= 2 ? (parts[^2], parts[^1]) : ("", reference);
    }

    private static DanglingReferenceException Dangling(string field, string? reference) =>
        new($"{field} refers to {reference}, which is neither in this file nor imported before");

    private void Reject(int number, string reason) => Rejected.Add(new ImportFhir.Rejection(file, number, reason));

    private sealed class DanglingReferenceException(string message) : Exception(message);
}
