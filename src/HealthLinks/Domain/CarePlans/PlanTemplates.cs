namespace HealthLinks.Domain;

/// <summary>Starter goal-and-action sets for common situations, in the patient's voice, in English and French. A coordinator applies one, then edits.</summary>
public static class PlanTemplates
{
    public sealed record Text(string En, string Fr)
    {
        public string In(string language) => language == "fr" ? Fr : En;
    }

    public sealed record TemplateGoal(Text Goal, Text[] Actions);

    public sealed record Template(string Key, Text Name, TemplateGoal[] Goals);

    public static IReadOnlyList<Template> All { get; } =
    [
        new("heart-failure", new("Heart failure", "Insuffisance cardiaque"),
        [
            new(new("I want to breathe easier and stay out of hospital", "Je veux respirer plus facilement et éviter l'hôpital"),
                [new("Weigh myself every morning and call if I gain 2 kg in 2 days", "Me peser chaque matin et appeler si je prends 2 kg en 2 jours"),
                 new("Review my water pill and salt limit with the nurse", "Revoir mon diurétique et ma limite de sel avec l'infirmière")]),
            new(new("I want to know what to do when my symptoms get worse", "Je veux savoir quoi faire quand mes symptômes empirent"),
                [new("Write a heart failure action plan with my family doctor", "Rédiger un plan d'action pour l'insuffisance cardiaque avec mon médecin de famille")]),
        ]),
        new("copd", new("COPD", "MPOC"),
        [
            new(new("I want to walk to the store without stopping to catch my breath", "Je veux marcher jusqu'au magasin sans m'arrêter pour reprendre mon souffle"),
                [new("Refer me to pulmonary rehabilitation", "M'orienter vers la réadaptation pulmonaire"),
                 new("Check how I use my inhalers", "Vérifier comment j'utilise mes inhalateurs")]),
            new(new("I want to know what to do during a flare-up", "Je veux savoir quoi faire lors d'une exacerbation"),
                [new("Write a COPD action plan with a rescue prescription", "Rédiger un plan d'action pour la MPOC avec une ordonnance de secours")]),
        ]),
        new("diabetes", new("Diabetes", "Diabète"),
        [
            new(new("I want to keep my sugars steady so I feel well", "Je veux garder ma glycémie stable pour me sentir bien"),
                [new("Meet the diabetes education team", "Rencontrer l'équipe d'éducation sur le diabète"),
                 new("Book my yearly eye and foot checks", "Prendre rendez-vous pour mes examens annuels des yeux et des pieds")]),
        ]),
        new("dementia", new("Dementia", "Démence"),
        [
            new(new("I want to stay safely in my home as long as I can", "Je veux rester chez moi en sécurité le plus longtemps possible"),
                [new("Arrange a home safety assessment", "Organiser une évaluation de la sécurité à domicile"),
                 new("Set up a weekly pill organizer and check-in call", "Mettre en place un pilulier hebdomadaire et un appel de suivi")]),
            new(new("My family wants support to care for me", "Ma famille veut du soutien pour prendre soin de moi"),
                [new("Connect my caregiver with respite and a support group", "Mettre mon aidant en lien avec du répit et un groupe de soutien")]),
        ]),
        new("mental-health-addictions", new("Mental health and addictions", "Santé mentale et dépendances"),
        [
            new(new("I want to feel less anxious and sleep better", "Je veux me sentir moins anxieux et mieux dormir"),
                [new("Refer me to counselling", "M'orienter vers du counseling"),
                 new("Review my medications with my doctor", "Revoir mes médicaments avec mon médecin")]),
            new(new("I want to cut down my drinking", "Je veux réduire ma consommation d'alcool"),
                [new("Connect me with addiction services", "Me mettre en lien avec les services en dépendances")]),
        ]),
        new("palliative", new("Palliative care", "Soins palliatifs"),
        [
            new(new("I want to be comfortable and have my wishes respected", "Je veux être confortable et que mes volontés soient respectées"),
                [new("Talk about my goals of care and record my substitute decision-maker", "Discuter de mes objectifs de soins et inscrire mon mandataire spécial"),
                 new("Refer me to the palliative care team", "M'orienter vers l'équipe de soins palliatifs")]),
        ]),
        new("frailty-falls", new("Frailty and falls", "Fragilité et chutes"),
        [
            new(new("I don't want to fall again", "Je ne veux plus tomber"),
                [new("Physiotherapy for strength and balance", "Physiothérapie pour la force et l'équilibre"),
                 new("Install grab bars in the bathroom", "Installer des barres d'appui dans la salle de bain")]),
            new(new("I want to keep doing my own shopping", "Je veux continuer à faire mes courses moi-même"),
                [new("Arrange accessible transportation", "Organiser du transport adapté")]),
        ]),
    ];

    /// <summary>
    /// Adds the template's goals in the chosen language, their actions owned by the given team member. Everything
    /// already in the plan stays as it is; a goal already there in the same words is not added twice.
    /// </summary>
    public static CarePlanDocument Apply(CarePlanDocument plan, string key, string language, Guid? owner)
    {
        var template = All.FirstOrDefault(t => t.Key == key)
            ?? throw new DomainRuleException("Template", Rules.NotFound, $"no template '{key}'");
        var existing = plan.Goals.Select(g => SearchText.Fold(g.InMyWords)).ToHashSet();
        var added = template.Goals
            .Where(g => !existing.Contains(SearchText.Fold(g.Goal.In(language))))
            .Select(g => new Goal
            {
                InMyWords = g.Goal.In(language),
                Priority = GoalPriority.Medium,
                Lifecycle = GoalLifecycle.Proposed,
                Actions = g.Actions.Select(a => new PlanAction { What = a.In(language), ResponsibleMemberId = owner, Status = ActionStatus.Proposed }).ToList(),
            });
        return plan with { Goals = [.. plan.Goals, .. added] };
    }
}
