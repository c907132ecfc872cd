using System.Text;
using System.Text.Json;

using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HealthLinks.Features.CarePlans;

/// <summary>The plan of the patient with a given health card number, as PDF, HTML (the print view) or JSON (the full structured plan).</summary>
public static class ExportPlan
{
    public enum Format
    {
        Pdf,
        Html,
        Json,
    }

    public sealed record Command(string HealthCardNumber, Format Format, string? Language);

    private static readonly JsonSerializerOptions Indented = new(CarePlan.Json) { WriteIndented = true };

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, BuildPlanSheet.Handler sheets, GetCarePlan.Handler plans, IServiceProvider services, ILoggerFactory logs)
    {
        public async Task<Result<byte[]>> Handle(Command command, CancellationToken ct = default)
        {
            var card = HealthCardNumber.Read(command.HealthCardNumber, null, new Violations());
            if (card is null)
            {
                return Result<byte[]>.Failed("patient", Rules.HealthCardCheckDigit, "is not a valid Ontario health card number");
            }

            PatientId? id;
            await using (var db = await dbs.CreateDbContextAsync(ct))
            {
                id = await db.Patients.Where(p => p.HealthCardNumber == card.Number).Select(p => (PatientId?)p.Id).SingleOrDefaultAsync(ct);
            }

            if (id is not { } patientId || await sheets.Handle(patientId, command.Language, ct) is not { } sheet)
            {
                return Result<byte[]>.Failed("patient", Rules.NotFound, "no patient has this health card number");
            }

            return command.Format switch
            {
                Format.Pdf => PlanPdf.Render(sheet),
                Format.Html => Encoding.UTF8.GetBytes(await Html(sheet)),
                _ => JsonSerializer.SerializeToUtf8Bytes(await plans.Handle(patientId, ct), Indented),
            };
        }

        private async Task<string> Html(PlanSheet sheet)
        {
            await using var renderer = new HtmlRenderer(services, logs);
            var body = await renderer.Dispatcher.InvokeAsync(async () =>
                (await renderer.RenderComponentAsync<PlanSheetView>(ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(PlanSheetView.Sheet)] = sheet }))).ToHtmlString());
            var title = System.Net.WebUtility.HtmlEncode(sheet.Title);
            return $$"""
                <!DOCTYPE html>
                <html lang="{{sheet.Language}}">
                <head><meta charset="utf-8"><title>{{title}}</title>
                <style>body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:48rem;margin:2rem auto;line-height:1.5}h2{border-bottom:2px solid #0b4f8a}ul{list-style:none;padding:0}li.indent{margin-left:1.5rem}</style>
                </head>
                <body>{{body}}</body>
                </html>
                """;
        }
    }
}
