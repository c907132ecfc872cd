using HealthLinks;
using HealthLinks.Features.CarePlans;
using HealthLinks.Features.Enrollment;
using HealthLinks.Features.Regional;
using HealthLinks.Features.Reports;
using HealthLinks.Web;

var builder = WebApplication.CreateBuilder(args);
ProductionSettings.Require(builder.Configuration, builder.Environment);

builder.Services.AddHealthLinks(builder.Configuration);
builder.Services.AddHealthLinksSignIn(builder.Environment);
builder.Services.AddHealthLinksLocalization();
builder.Services.AddHealthLinksPages();
builder.Services.AddHealthLinksHealthChecks();
if (builder.Configuration.GetValue("Reminders:Enabled", !builder.Environment.IsEnvironment("Testing")))
{
    // Tests run the jobs themselves, on a clock they control.
    builder.Services.AddHostedService<HealthLinks.Features.Reminders.ReminderService>();
    builder.Services.AddHostedService<HealthLinks.Infrastructure.Privacy.AuditHeadJob>();
}

var app = builder.Build();

await app.PrepareDatabaseAsync();

app.UseForwardedFromProxy();
app.UseHealthLinksErrorPages();
if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
{
    app.UseHttpsRedirection();
}

app.UseSecurityHeaders();
app.UseHealthLinksLocalization();
app.UseAuthentication();
app.UseTwoFactorEnrollment();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapGet("/favicon.ico", () => Results.Redirect("/_content/HealthLinks/favicon.ico", permanent: true)).AllowAnonymous(); // browsers ask the root
app.MapHealthLinksPages();
app.MapSignOut();
app.MapLanguageSwitch();
app.MapCarePlans();
app.MapEnrollment();
app.MapReports();
app.MapRegionalPlanning();
app.MapHealthLinksHealthChecks();

await app.RunAsync();

/// <summary>Lets WebApplicationFactory find the host in tests.</summary>
public partial class Program;
