using System.Xml.Linq;

using HealthLinks.Domain;

namespace HealthLinks.Tests.Localization;

public class ResourceTests
{
    private static readonly string Folder = Path.Combine(SourceRoot(), "src", "HealthLinks", "Resources");

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Folder, file)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    [Fact]
    public void EnglishAndFrench_HaveTheSameKeys_AndNoEmptyText()
    {
        var en = Read("Strings.resx");
        var fr = Read("Strings.fr.resx");
        Assert.Empty(en.Keys.Except(fr.Keys));
        Assert.Empty(fr.Keys.Except(en.Keys));
        Assert.DoesNotContain(en.Concat(fr), kv => string.IsNullOrWhiteSpace(kv.Value));
    }

    [Fact]
    public void EveryKeyThePagesUse_HasAText()
    {
        var en = Read("Strings.resx");
        var used = Directory.EnumerateFiles(Path.Combine(SourceRoot(), "src"), "*.razor", SearchOption.AllDirectories)
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), @"L\[""([A-Za-z_]+)""\]").Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();
        Assert.NotEmpty(used);
        var missing = used.Except(en.Keys).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void EveryRuleAndEveryShownEnumValue_HasAText()
    {
        var en = Read("Strings.resx");
        var expected = Rules.All.Select(code => $"Rule_{code}")
            .Concat(new[]
            {
                typeof(AdministrativeSex), typeof(PreferredLanguage), typeof(ContactMethod), typeof(EnrollmentStatus), typeof(IdentificationSource),
                typeof(ClosingReason), typeof(RelatedPersonRoles), typeof(Profession), typeof(OrganizationKind), typeof(CodeSystem),
                typeof(ConditionStatus), typeof(EncounterKind), typeof(GoalPriority), typeof(GoalLifecycle), typeof(GoalAchievement),
                typeof(ActionStatus), typeof(AllergySeverity), typeof(SituationArea), typeof(SituationRating), typeof(AppointmentStatus),
                typeof(PlanSection), typeof(ChangeKind), typeof(HealthLinks.Features.Accounts.AccountStatus), typeof(HealthLinks.Domain.Privacy.AccessBasis), typeof(ServiceReferralStatus), typeof(MedicationDecisionKind),
                typeof(TeamRole), typeof(ContactKind), typeof(ConditionChange), typeof(ContactCadence), typeof(InvitationOutcome), typeof(AgreementGivenBy),
                typeof(AgreementMethod), typeof(ConferenceStatus), typeof(HealthLinks.Domain.Privacy.WithheldParts),
            }.SelectMany(t => Enum.GetNames(t).Select(n => $"{t.Name}_{n}")))
            .Concat(HealthLinks.Infrastructure.Auth.Roles.All.Select(r => $"Role_{r}"));
        var missing = expected.Except(en.Keys).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void FrenchText_IsActuallyTranslated()
    {
        var en = Read("Strings.resx");
        var fr = Read("Strings.fr.resx");
        var same = en.Where(kv => fr[kv.Key] == kv.Value).Select(kv => kv.Key).ToList();

        // Words that are the same in both languages.
        string[] alike =
        [
            "Admin_Profession", "TwoFactor_Code", "Common_Actions", "Nav_Patients", "Patient_Province", "Role_Patient", "CareTeamMemberKind_Patient", "TeamRole_Patient", "CodeSystem_SnomedCt",
            "PlanSection_Actions", "PlanSection_Allergies", "PlanSection_Situation", "Plan_Actions", "Plan_Allergies", "Plan_Code", "Plan_Date",
            "Plan_Dose", "Plan_Notes", "Plan_Service", "Plan_Substance", "Plan_Version", "Plan_Versions", "Shared_Patient", "Plan_Source", "Feature_cancer", "Feature_hypertension", "Rules_History", "ReferralSource_Patient", "Invite_On", "Audit_Action", "Audit_Patient", "Audit_Source", "AuditSource_Web", "AuditSource_Api", "Work_FilterPatient", "Work_Action", "InviteeKind_Patient", "Work_NotificationBody", "Conference_Notes", "Conference_Version", "Conference_InvitationBody", "Conference_Decisions", "Episode_Note",
        ];
        Assert.Empty(same.Except(alike));
    }

    internal static string SourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HealthLinks.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the tests from the source tree.");
    }
}
