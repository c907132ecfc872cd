using System.Security.Cryptography;
using System.Text;

namespace HealthLinks.Domain;

/// <summary>How a survey's answers came in.</summary>
public enum SurveyChannel
{
    /// <summary>The patient, signed in, at /my-survey.</summary>
    SignedIn,

    /// <summary>The one-time link in the survey's email, without signing in.</summary>
    Link,

    /// <summary>Entered by the Health Link's staff from the paper questionnaire.</summary>
    Paper,
}

/// <summary>The answers to the patient experience survey; every answer may be left blank, but not all of them.</summary>
public sealed class SurveyAnswers
{
    /// <summary>The statements answered on a five-point scale (1 never … 5 always), in the questionnaire's order.</summary>
    public static IReadOnlyList<string> Statements { get; } = ["KnowWhoToCall", "AskedWhatMatters", "OnePlan", "NoRepeating", "Involved", "HelpWhenNeeded"];

    public const int ScaleMax = 5;
    public const int OverallMax = 10;
    public const int CommentMax = 2000;

    /// <summary>One answer per statement (null: not answered), in <see cref="Statements"/> order.</summary>
    public int?[] Scale { get; set; } = new int?[Statements.Count];

    /// <summary>The overall rating of the care received, 0 (worst) to 10 (best).</summary>
    public int? Overall { get; set; }

    public string? Comment { get; set; }
}

/// <summary>
/// One patient experience survey: due three months after enrollment, then every year. It is sent with a one-time link
/// (only its hash is kept) and answered once: by the patient signed in, through the link, or entered from paper.
/// </summary>
public sealed class ExperienceSurvey
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(60);

    private ExperienceSurvey()
    {
    }

    public ExperienceSurvey(PatientId patientId, Guid healthLinkId, DateOnly dueOn, DateTime createdAt) =>
        (PatientId, HealthLinkId, DueOn, CreatedAt) = (patientId, healthLinkId, dueOn, createdAt);

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public PatientId PatientId { get; private set; }

    public Guid HealthLinkId { get; private set; }

    /// <summary>The day it fell due (enrollment plus 3 months, 15 months, 27 months…): one survey per patient and day.</summary>
    public DateOnly DueOn { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public string? LinkHash { get; private set; }

    public DateTime? LinkExpiresAt { get; private set; }

    public DateTime? AnsweredAt { get; private set; }

    public SurveyChannel? Channel { get; private set; }

    /// <summary>The staff member who entered a paper questionnaire.</summary>
    public string? EnteredBy { get; private set; }

    public int? KnowWhoToCall { get; private set; }

    public int? AskedWhatMatters { get; private set; }

    public int? OnePlan { get; private set; }

    public int? NoRepeating { get; private set; }

    public int? Involved { get; private set; }

    public int? HelpWhenNeeded { get; private set; }

    public int? Overall { get; private set; }

    public string? Comment { get; private set; }

    public bool IsAnswered => AnsweredAt is not null;

    /// <summary>The answers in <see cref="SurveyAnswers.Statements"/> order.</summary>
    public int?[] Scale => [KnowWhoToCall, AskedWhatMatters, OnePlan, NoRepeating, Involved, HelpWhenNeeded];

    /// <summary>A new one-time link; the token goes in the email, only its hash is kept.</summary>
    public string IssueLink(DateTime now)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        (LinkHash, LinkExpiresAt) = (HashOf(token), now + LinkLifetime);
        return token;
    }

    public static string HashOf(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public bool LinkUsable(DateTime now) => LinkHash is not null && !IsAnswered && now < LinkExpiresAt;

    /// <summary>Records the answers once; each is checked against its scale, and the link stops working.</summary>
    public void Answer(SurveyAnswers answers, SurveyChannel channel, string? enteredBy, DateTime at)
    {
        var v = new Violations();
        if (IsAnswered)
        {
            v.Add(nameof(AnsweredAt), Rules.SurveyAnswered, "this survey has already been answered");
            v.ThrowIfAny();
        }

        if (answers.Scale.Length != SurveyAnswers.Statements.Count)
        {
            v.Add(nameof(SurveyAnswers.Scale), Rules.OutOfRange, $"there are {SurveyAnswers.Statements.Count} statements");
            v.ThrowIfAny();
        }

        for (var i = 0; i < answers.Scale.Length; i++)
        {
            if (answers.Scale[i] is { } a && a is < 1 or > SurveyAnswers.ScaleMax)
            {
                v.Add(SurveyAnswers.Statements[i], Rules.OutOfRange, $"answer 1 to {SurveyAnswers.ScaleMax}");
            }
        }

        if (answers.Overall is { } o && o is < 0 or > SurveyAnswers.OverallMax)
        {
            v.Add(nameof(Overall), Rules.OutOfRange, $"rate from 0 to {SurveyAnswers.OverallMax}");
        }

        var comment = v.Text(nameof(Comment), answers.Comment, SurveyAnswers.CommentMax, required: false);
        if (answers.Scale.All(a => a is null) && answers.Overall is null && comment is null)
        {
            v.Add(nameof(SurveyAnswers.Scale), Rules.Required, "answer at least one question");
        }

        v.ThrowIfAny();
        (KnowWhoToCall, AskedWhatMatters, OnePlan, NoRepeating, Involved, HelpWhenNeeded) =
            (answers.Scale[0], answers.Scale[1], answers.Scale[2], answers.Scale[3], answers.Scale[4], answers.Scale[5]);
        (Overall, Comment, Channel, EnteredBy, AnsweredAt, LinkHash, LinkExpiresAt) = (answers.Overall, comment, channel, enteredBy, at, null, null);
    }

    /// <summary>The days a survey falls due: three months after enrollment, then every year after that.</summary>
    public static DateOnly DueOnAfter(DateOnly enrolledOn, int index) => enrolledOn.AddMonths(3 + (12 * index));

    /// <summary>The latest due day on or before today, or null when the first is still to come.</summary>
    public static DateOnly? LatestDue(DateOnly enrolledOn, DateOnly today)
    {
        DateOnly? latest = null;
        for (var i = 0; DueOnAfter(enrolledOn, i) <= today; i++)
        {
            latest = DueOnAfter(enrolledOn, i);
        }

        return latest;
    }
}
