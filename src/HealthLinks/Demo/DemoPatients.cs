using HealthLinks.Domain;

namespace HealthLinks.Demo;

/// <summary>Makes one demo patient at a time with conditions, encounters and, for some complex patients, an episode of coordinated care.</summary>
internal sealed class DemoPatients(DemoNames names, DemoDirectory directory, DateTime now)
{
    public const string PatientEmail = "patient@demo.healthlinks.ca";

    /// <summary>The demo caregiver account reads the demo patient's plan, with the patient's agreement.</summary>
    public const string CaregiverEmail = "caregiver@demo.healthlinks.ca";

    private readonly HashSet<string> _cards = [];
    private readonly DateOnly _today = OntarioTime.DayOf(now);
    private readonly Provider[] _coordinators = directory.WithProfession(Profession.CareCoordinator).ToArray();
    private readonly Provider[] _physicians = directory.Providers.Where(p => p.Profession is Profession.FamilyPhysician or Profession.NursePractitioner).ToArray();
    private readonly Provider[] _specialists = directory.WithProfession(Profession.Specialist).ToArray();
    private readonly Provider[] _pharmacists = directory.WithProfession(Profession.Pharmacist).ToArray();
    private readonly Provider[] _homeCare = directory.Providers
        .Where(p => p.Profession is Profession.RegisteredNurse or Profession.PersonalSupportWorker or Profession.Physiotherapist
            && directory.OfKind(OrganizationKind.HomeAndCommunityCare).Any(o => o.Id == p.OrganizationId)).ToArray();

    private readonly Organization[] _hospitals = directory.OfKind(OrganizationKind.Hospital).ToArray();
    private readonly Organization[] _homeCareOrganizations = directory.OfKind(OrganizationKind.HomeAndCommunityCare).ToArray();
    private bool _patientAccountGiven;

    public sealed record Made(Patient Patient, List<Condition> Conditions, List<Encounter> Encounters, CarePlan? Plan, CaregiverAccess? CaregiverAccess = null);

    public enum Complexity
    {
        Simple,
        Moderate,
        Complex,
    }

    public Made Next()
    {
        var r = names.Random;
        var age = AgeBand(r.Double());
        var (given, family, french) = names.Person();
        var dob = _today.AddYears(-age).AddDays(-r.Number(0, 364));
        var complexity = ComplexityFor(age, r.Double());
        var details = new PatientDetails
        {
            GivenName = given,
            FamilyName = family,
            DateOfBirth = dob,
            Sex = r.Bool() ? AdministrativeSex.Female : AdministrativeSex.Male,
            HealthCardNumber = NewCard(),
            HealthCardVersion = r.Bool(0.8f) ? new string(r.Chars('A', 'Z', 2)) : "",
            Street = names.Street(french),
            City = names.City(),
            Province = "ON",
            PostalCode = names.PostalCode(),
            Phone = names.Phone(),
            Language = french ? PreferredLanguage.French : r.Bool(0.05f) ? PreferredLanguage.Other : PreferredLanguage.English,
            OtherLanguage = null,
            PreferredContact = r.Bool(0.8f) ? ContactMethod.Phone : ContactMethod.Mail,
        };
        if (details.Language == PreferredLanguage.Other)
        {
            details = details with { OtherLanguage = r.ArrayElement(["Arabic", "Mandarin", "Somali", "Italian", "Portuguese"]), InterpreterNeeded = r.Bool(0.6f) };
        }

        var patient = new Patient(r.ArrayElement(directory.HealthLinks.ToArray()).Id, details, _today);
        var familyDoctor = r.ArrayElement(_physicians);
        var conditions = Conditions(patient, age, complexity);
        var encounters = Encounters(patient, complexity, familyDoctor);
        CarePlan? plan = null;
        if (complexity == Complexity.Complex && r.Bool(0.5f))
        {
            plan = Enroll(patient, familyDoctor, french, conditions, r);
        }
        else if (complexity != Complexity.Simple && encounters.Any(e => e.Kind == EncounterKind.EmergencyVisit))
        {
            plan = OutcomesCohort(patient, familyDoctor, french, conditions);
        }

        if (patient.Enrollments.Count > 0)
        {
            EnrollmentEffect(patient, encounters, familyDoctor);
        }

        return new Made(patient, conditions, encounters, plan, patient.Email == PatientEmail ? DemoCaregiverAccess(patient) : null);
    }

    private static int AgeBand(double u) => u switch
    {
        < 0.18 => (int)(u / 0.18 * 18),
        < 0.78 => 18 + (int)((u - 0.18) / 0.60 * 47),
        _ => 65 + (int)((u - 0.78) / 0.22 * 33),
    };

    // About 3% complex overall, most of them seniors.
    private static Complexity ComplexityFor(int age, double u)
    {
        var complex = age < 18 ? 0.002 : age < 65 ? 0.02 : 0.09;
        var moderate = age < 18 ? 0.05 : age < 65 ? 0.15 : 0.35;
        return u < complex ? Complexity.Complex : u < complex + moderate ? Complexity.Moderate : Complexity.Simple;
    }

    private string NewCard()
    {
        while (true)
        {
            var nine = names.Random.Number(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var card = nine + HealthCardNumber.CheckDigit(nine);
            if (_cards.Add(card))
            {
                return card;
            }
        }
    }

    private List<Condition> Conditions(Patient patient, int age, Complexity complexity)
    {
        var r = names.Random;
        var count = complexity switch
        {
            Complexity.Complex => r.Number(4, 8),
            Complexity.Moderate => r.Number(1, 3),
            _ => r.Bool(0.3f) ? 1 : 0,
        };
        var eligible = ChronicConditionCatalogue.All.Where(c => c.MinAge <= age).ToList();
        var conditions = r.Shuffle(eligible).Take(count)
            .Select(c => ChronicConditionCatalogue.ToCondition(c, patient.Id, _today.AddDays(-r.Number(60, 3650)), useSnomed: r.Bool(0.3f)))
            .ToList();

        // Social determinants come from their own sequence, so adding them left every other demo record as it was.
        var share = complexity switch { Complexity.Complex => 0.2, Complexity.Moderate => 0.05, _ => 0.01 };
        if (age >= 16 && _social.NextDouble() < share)
        {
            var (system, code, display) = SocialDeterminants[_social.Next(SocialDeterminants.Length)];
            conditions.Add(new Condition(patient.Id, system, code, display, _today.AddDays(-_social.Next(30, 1500)), ConditionStatus.Active, "seed"));
        }

        return conditions;
    }

    private static readonly (CodeSystem System, string Code, string Display)[] SocialDeterminants =
    [
        (CodeSystem.Icd10Ca, "Z59.0", "Homelessness"),
        (CodeSystem.Icd10Ca, "Z59.6", "Low income"),
        (CodeSystem.Icd10Ca, "Z60.2", "Problems related to living alone"),
        (CodeSystem.SnomedCt, "423315002", "Limited social contact"),
        (CodeSystem.SnomedCt, "73438004", "Unemployed"),
    ];

    private readonly Random _social = new(20261124);

    private List<Encounter> Encounters(Patient patient, Complexity complexity, Provider familyDoctor)
    {
        var r = names.Random;
        var (ed, admissions, visits, homeCare) = complexity switch
        {
            Complexity.Complex => (r.Number(3, 10), r.Number(1, 5), r.Number(6, 20), r.Number(0, 30)),
            Complexity.Moderate => (r.Number(0, 2), r.Bool(0.15f) ? 1 : 0, r.Number(2, 8), 0),
            _ => (r.Bool(0.1f) ? 1 : 0, 0, r.Number(0, 3), 0),
        };
        var list = new List<Encounter>();
        var hospital = r.ArrayElement(_hospitals);
        for (var i = 0; i < ed; i++)
        {
            var start = PastMoment(540);
            list.Add(new Encounter(patient.Id, EncounterKind.EmergencyVisit, start, start.AddHours(r.Number(2, 14)), r.Bool(0.8f) ? hospital.Id : r.ArrayElement(_hospitals).Id, null, "seed"));
        }

        for (var i = 0; i < admissions; i++)
        {
            var start = PastMoment(540);
            list.Add(new Encounter(patient.Id, EncounterKind.InpatientStay, start, start.AddDays(r.Number(2, 14)), hospital.Id, r.ArrayElement(_specialists).Id, "seed"));
        }

        for (var i = 0; i < visits; i++)
        {
            var doctor = complexity == Complexity.Complex && r.Bool(0.4f) ? r.ArrayElement(_specialists) : familyDoctor;
            var start = PastMoment(720);
            list.Add(new Encounter(patient.Id, EncounterKind.AmbulatoryVisit, start, start.AddMinutes(20), doctor.OrganizationId, doctor.Id, "seed"));
        }

        for (var i = 0; i < homeCare; i++)
        {
            var start = PastMoment(365);
            var worker = r.ArrayElement(_homeCare);
            list.Add(new Encounter(patient.Id, EncounterKind.HomeCareVisit, start, start.AddHours(1), worker.OrganizationId, worker.Id, "seed"));
        }

        return list;
    }

    private DateTime PastMoment(int maxDays) =>
        now.AddDays(-names.Random.Number(1, maxDays)).AddMinutes(-names.Random.Number(0, 1439));

    // The outcomes cohort draws from its own sequences, so adding it left the rest of the demo population as it was.
    private readonly Bogus.Randomizer _cohort = new(20261130);
    private readonly Random _effect = new(20261201);

    /// <summary>
    /// Patients with emergency visits, identified 6 to 12 months ago: a quarter enrolled (the outcomes' enrolled group,
    /// followed for six months since), more not (declined or unreachable: the comparison group).
    /// </summary>
    private CarePlan? OutcomesCohort(Patient patient, Provider familyDoctor, bool french, List<Condition> conditions)
    {
        var u = _cohort.Double();
        return u < 0.25 ? Enroll(patient, familyDoctor, french, conditions, _cohort, EnrollmentStatus.Active, 185, 360)
            : u < 0.70 ? Enroll(patient, familyDoctor, french, conditions, _cohort, _cohort.Bool(0.6f) ? EnrollmentStatus.Declined : EnrollmentStatus.Unreachable, 185, 360)
            : null;
    }

    /// <summary>
    /// What coordinated care changes in the demo: after enrollment, about a quarter of a patient's emergency visits do
    /// not happen, and most discharges get a primary care visit within 7 days (about a third do otherwise).
    /// </summary>
    private void EnrollmentEffect(Patient patient, List<Encounter> encounters, Provider familyDoctor)
    {
        var episode = patient.Enrollments[0];
        var enrolledAt = episode.History.FirstOrDefault(c => c.To == EnrollmentStatus.Enrolled)?.At;
        encounters.RemoveAll(e => enrolledAt is { } at && e.Kind == EncounterKind.EmergencyVisit && e.Start > at && _effect.NextDouble() < 0.25);
        foreach (var stay in encounters.Where(e => e.Kind == EncounterKind.InpatientStay && e.End is { } end && end < now.AddDays(-7)).ToList())
        {
            if (_effect.NextDouble() < (enrolledAt is { } at && stay.Start > at ? 0.75 : 0.35))
            {
                var visit = stay.End!.Value.AddDays(_effect.Next(1, 7)).Date.AddHours(14);
                encounters.Add(new Encounter(patient.Id, EncounterKind.AmbulatoryVisit, visit, visit.AddMinutes(20), familyDoctor.OrganizationId, familyDoctor.Id, "seed"));
            }
        }
    }

    private CarePlan? Enroll(Patient patient, Provider familyDoctor, bool french, List<Condition> conditions, Bogus.Randomizer r, EnrollmentStatus? only = null, int fromDays = 60, int toDays = 400)
    {
        var status = only ?? r.WeightedRandom(
            [EnrollmentStatus.Identified, EnrollmentStatus.Invited, EnrollmentStatus.Declined, EnrollmentStatus.Unreachable, EnrollmentStatus.Enrolled, EnrollmentStatus.Active, EnrollmentStatus.SteppedDown, EnrollmentStatus.Closed],
            [0.15f, 0.10f, 0.08f, 0.05f, 0.07f, 0.40f, 0.08f, 0.07f]);
        var lead = r.Bool(0.35f) ? _coordinators[0] : r.ArrayElement(_coordinators);
        var by = lead.Email ?? "seed";
        var at = now.AddDays(-r.Number(fromDays, toDays));
        var episode = patient.Identify(patient.HealthLinkId, r.ArrayElement([IdentificationSource.Screening, IdentificationSource.HospitalEvent, IdentificationSource.Referral]), "seed", at, "Demo population");
        if (status == EnrollmentStatus.Identified)
        {
            return null;
        }

        episode.MoveTo(EnrollmentStatus.Invited, by, at = at.AddDays(r.Number(1, 14)), "Phone call");
        switch (status)
        {
            case EnrollmentStatus.Declined:
                episode.MoveTo(EnrollmentStatus.Declined, by, at.AddDays(r.Number(1, 10)), french ? "Ne souhaite pas de coordination pour le moment" : "Prefers to manage own care for now");
                return null;
            case EnrollmentStatus.Unreachable:
                episode.MoveTo(EnrollmentStatus.Unreachable, by, at.AddDays(r.Number(7, 21)), "Three attempts, no answer");
                return null;
            case EnrollmentStatus.Invited:
                return null;
        }

        episode.MoveTo(EnrollmentStatus.Enrolled, by, at = at.AddDays(r.Number(1, 10)), "Express consent given by the patient");
        var joined = OntarioTime.DayOf(at);
        patient.AddProviderToTeam(lead.Id, "Lead care coordinator", joined, isLead: true);
        patient.AddProviderToTeam(familyDoctor.Id, "Family physician", joined, teamRole: TeamRole.FamilyPhysician);
        patient.AddProviderToTeam(r.ArrayElement(_pharmacists).Id, "Pharmacist", joined, teamRole: TeamRole.Pharmacist);
        if (r.Bool(0.6f))
        {
            patient.AddProviderToTeam(r.ArrayElement(_homeCare).Id, "Home care", joined.AddDays(r.Number(0, 30)), teamRole: TeamRole.HomeCareCoordinator);
        }

        if (r.Bool(0.3f))
        {
            patient.AddProviderToTeam(r.ArrayElement(_specialists).Id, "Specialist", joined, teamRole: TeamRole.Specialist);
        }

        patient.AddSelfToTeam(joined);
        if (r == names.Random && r.Bool(0.7f))
        {
            var (given, _, _) = names.Person(french ? 1 : 0);
            var caregiver = patient.AddRelatedPerson(given, patient.FamilyName, names.Relationship(french),
                RelatedPersonRoles.Caregiver | (r.Bool(0.5f) ? RelatedPersonRoles.SubstituteDecisionMaker : 0) | RelatedPersonRoles.EmergencyContact,
                names.Phone(), null);
            patient.AddRelatedPersonToTeam(caregiver.Id, french ? "Aidant(e) naturel(le)" : "Family caregiver", joined);
        }

        if (status == EnrollmentStatus.Enrolled)
        {
            return r.Bool(0.5f) ? Plan(patient, conditions, french, by, at.AddDays(1), complete: false, r) : null;
        }

        episode.MoveTo(EnrollmentStatus.Active, by, at = at.AddDays(r.Number(3, 20)), "First care conference held");
        var plan = Plan(patient, conditions, french, by, at, complete: true, r);
        if (status == EnrollmentStatus.SteppedDown)
        {
            episode.MoveTo(EnrollmentStatus.SteppedDown, by, at.AddDays(r.Number(30, 40)), "Stable; monthly contact is enough");
        }
        else if (status == EnrollmentStatus.Closed)
        {
            episode.Close(r.ArrayElement([ClosingReason.GoalsMet, ClosingReason.MovedOutOfArea, ClosingReason.Died]), by, at.AddDays(r.Number(30, 40)), null);
        }
        else if (!_patientAccountGiven && r == names.Random)
        {
            // The demo patient account reads this patient's record.
            _patientAccountGiven = true;
            patient.Update(patient.ToDetails() with { Email = PatientEmail }, _today);
        }

        return plan;
    }

    private string PharmacyOf(Patient patient)
    {
        var pharmacist = _pharmacists.First(p => patient.CareTeam.Any(m => m.ProviderId == p.Id));
        return directory.Organizations.First(o => o.Id == pharmacist.OrganizationId).Name;
    }

    /// <summary>No random draws here, so the rest of the demo population stays the same.</summary>
    private CaregiverAccess DemoCaregiverAccess(Patient patient)
    {
        var caregiver = patient.AddRelatedPerson("Alex", patient.FamilyName, "Child", RelatedPersonRoles.Caregiver, null, CaregiverEmail);
        return new CaregiverAccess(patient, caregiver.Id, AgreementGivenBy.Patient, AgreementMethod.InPerson, _today.AddDays(-10), _today.AddMonths(6), "seed", now);
    }

    private static readonly Dictionary<string, string> TemplateFor = new()
    {
        ["heart-failure"] = "heart-failure",
        ["copd"] = "copd",
        ["diabetes"] = "diabetes",
        ["dementia"] = "dementia",
        ["mood-anxiety"] = "mental-health-addictions",
        ["other-mental-illness"] = "mental-health-addictions",
        ["substance-use"] = "mental-health-addictions",
    };

    /// <summary>A plan built from the templates that fit the patient's conditions; an incomplete one has goals but no actions yet.</summary>
    private CarePlan Plan(Patient patient, List<Condition> conditions, bool french, string by, DateTime at, bool complete, Bogus.Randomizer r)
    {
        var language = french ? "fr" : "en";
        var lead = patient.CareTeam.First(m => m.IsLead).Id;
        var document = new CarePlanDocument
        {
            HealthIssues = conditions.Select(c => new HealthIssue { InMyWords = c.Display, System = c.System, Code = c.Code, Display = c.Display }).ToList(),
            Allergies = r.Bool(0.3f) ? [new Allergy { Substance = r.ArrayElement(["Penicillin", "Sulfa", "Codeine", "Latex"]), Severity = AllergySeverity.Moderate }] : [],
        };
        var keys = conditions.Select(c => ChronicConditionCatalogue.All.FirstOrDefault(e => e.Icd10Ca == c.Code || e.SnomedCt == c.Code)?.Key)
            .OfType<string>().Where(TemplateFor.ContainsKey).Select(k => TemplateFor[k]).Distinct().Take(2).ToList();
        if (patient.AgeOn(OntarioTime.DayOf(at)) >= 80 || keys.Count == 0)
        {
            keys.Add("frailty-falls");
        }

        document = keys.Aggregate(document, (d, key) => PlanTemplates.Apply(d, key, language, lead));
        document.Medications = DemoMedications.For(keys, PharmacyOf(patient), french, r);
        if (!complete)
        {
            document = document with { Goals = document.Goals.Select(g => g with { Actions = [] }).ToList() };
        }
        else
        {
            // Target dates over the months after the plan, most of those passed already done (their own sequence:
            // the rest of the demo stays as it was). DemoHistory dates when each was done.
            foreach (var action in document.Goals.SelectMany(g => g.Actions))
            {
                action.TargetDate = OntarioTime.DayOf(at).AddDays(_effect.Next(14, 200));
                action.Status = action.TargetDate < _today && _effect.NextDouble() < 0.8 ? ActionStatus.Done : ActionStatus.Accepted;
            }
        }

        var team = patient.CareTeam.Select(m => m.Id).ToHashSet();
        var facts = new CompletenessFacts(true, patient.CareTeam.Count(m => m.Kind == CareTeamMemberKind.Provider));
        var plan = new CarePlan(patient.Id, by, at);
        plan.Save(document, 0, team, facts, by, at);
        if (complete && r.Bool(0.5f))
        {
            var first = plan.Document.Goals[0];
            var progressed = plan.Document with { Goals = [first with { Actions = [first.Actions[0] with { Status = ActionStatus.Done }, .. first.Actions.Skip(1)] }, .. plan.Document.Goals.Skip(1)] };
            var later = at.AddDays(r.Number(7, 30));
            if (MedicationReconciliation.Groups(progressed.Medications).Any(g => g.SourcesDisagree))
            {
                progressed = DemoMedications.Reviewed(progressed, by, OntarioTime.DayOf(later), french);
            }

            plan.Save(progressed, 1, team, facts, by, later);
        }

        return plan;
    }
}
