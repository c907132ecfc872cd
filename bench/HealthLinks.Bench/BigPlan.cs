using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Features.CarePlans;


namespace HealthLinks.Bench;

/// <summary>A patient whose plan has 20 goals and 60 actions, and something in every other section: the size the issue asks to time.</summary>
internal static class BigPlan
{
    public const int Goals = 20;
    public const int ActionsPerGoal = 3;

    public static async Task<PatientId> Create(HealthLinksDb db, SaveCarePlan.Handler save)
    {
        var region = new Region("Bench region");
        var healthLink = new HealthLink(region.Id, "Bench Health Link");
        var organization = new Organization(region.Id, "Bench Home Care", OrganizationKind.HomeAndCommunityCare);
        var coordinator = new Provider(organization.Id, "Lucie", "Lavoie", Profession.CareCoordinator);
        var nurse = new Provider(organization.Id, "Nora", "Nguyen", Profession.RegisteredNurse);
        var today = DateOnly.FromDateTime(DateTime.Now);
        var patient = new Patient(healthLink.Id, new PatientDetails
        {
            GivenName = "Émilie",
            FamilyName = "Bélanger",
            DateOfBirth = new DateOnly(1944, 5, 2),
            HealthCardNumber = "123456789" + HealthCardNumber.CheckDigit("123456789").ToString(System.Globalization.CultureInfo.InvariantCulture),
            City = "Ottawa",
        }, today);
        var since = today.AddDays(-30);
        patient.AddProviderToTeam(coordinator.Id, "Lead care coordinator", since, isLead: true);
        var member = patient.AddProviderToTeam(nurse.Id, "Home care nurse", since);
        db.AddRange(region, healthLink, organization, coordinator, nurse, patient);
        await db.SaveChangesAsync();

        var document = new CarePlanDocument
        {
            HealthIssues = [new HealthIssue { InMyWords = "My heart gets tired", System = CodeSystem.Icd10Ca, Code = "I50.0", Display = "Congestive heart failure" }],
            Allergies = [new Allergy { Substance = "Penicillin", Reaction = "Rash", Severity = AllergySeverity.Moderate }],
            Medications = [new Medication { Name = "Furosemide", Dose = "40 mg", Frequency = "once a day", Source = "Bank Street Pharmacy" }],
            Goals = Enumerable.Range(1, Goals).Select(g => new Goal
            {
                InMyWords = $"Goal {g}: I want to keep doing what matters to me, in my own words, number {g}",
                TargetDate = today.AddDays(30 + g),
                Actions = Enumerable.Range(1, ActionsPerGoal).Select(a => new PlanAction
                {
                    What = $"Action {g}.{a}: a step the team or I will take",
                    ResponsibleMemberId = a == 1 ? null : member.Id,
                    PatientIsResponsible = a == 1,
                    TargetDate = today.AddDays(14 + a),
                    Status = ActionStatus.InProgress,
                    Notes = "Reviewed at the last care conference",
                }).ToList(),
            }).ToList(),
            Situation = Enum.GetValues<SituationArea>().Select(area => new Situation { Area = area, Rating = SituationRating.SomeConcern, Details = "Discussed with the patient" }).ToList(),
            Assessments = [new Assessment { Type = "Falls risk", Date = today.AddDays(-7), Assessor = "Nora Nguyen", Result = "Moderate" }],
            OtherTreatments = [new Treatment { Name = "Home oxygen", Details = "At night" }],
            Supports = [new SupportService { Provider = "Bench Home Care", Service = "Personal support", Frequency = "Daily" }],
            Appointments = [new Appointment { With = "Cardiology", When = today.AddDays(20).ToDateTime(new TimeOnly(10, 30)), Where = "Civic campus", Status = AppointmentStatus.Booked }],
        };
        var saved = await save.Save(new SaveCarePlan.Command(patient.Id, 0, document, "bench"));
        if (!saved.Saved)
        {
            throw new InvalidOperationException("The bench plan breaks a rule: " + string.Join("; ", saved.Violations));
        }

        return patient.Id;
    }
}
