using Microsoft.Extensions.DependencyInjection;

namespace HealthLinks.Features.Surveys;

/// <summary>The patient experience survey: sending it when due, answering it, entering it from paper, reading the comments.</summary>
public static class SurveysSetup
{
    public static IServiceCollection AddSurveys(this IServiceCollection services) => services
        .AddTransient<ScheduleSurveys.Handler>()
        .AddTransient<AnswerSurvey.Handler>()
        .AddTransient<PaperSurvey.Handler>()
        .AddTransient<SurveyComments.Handler>();
}
