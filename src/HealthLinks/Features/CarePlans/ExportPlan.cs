using System.Text;
using System.Text.Json;

using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;

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

    public sealed record Command(string HealthCardNumber, Format Format, string? Language, Infrastructure.Privacy.Viewer Viewer);

    private static readonly JsonSerializerOptions Indented = new(CarePlan.Json) { WriteIndented = true };

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, Privacy.PatientAccess access, BuildPlanSheet.Handler sheets, PlanPdf.Handler pdfs, GetCarePlan.Handler plans, IServiceProvider services, ILoggerFactory logs)
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

            if (id is not { } patientId)
            {
                return NoSuchPatient;
            }

            var (viewer, language) = (command.Viewer, command.Language);
            switch (command.Format)
            {
                case Format.Pdf:
                    var pdf = await pdfs.Handle(viewer, patientId, language, AuditAction.Export, ct);
                    return Refusal(pdf.Access) ?? (pdf.Value is { } file ? file.Content : NoSuchPatient);
                case Format.Html:
                    var sheet = await sheets.Handle(viewer, patientId, language, "Plan Html", AuditAction.Export, ct);
                    return Refusal(sheet.Access) ?? (sheet.Value is { } read ? Encoding.UTF8.GetBytes(await Html(read)) : NoSuchPatient);
                default:
                    var plan = await access.Read(viewer, patientId, "Plan Json", async gate => await plans.Read(patientId, ct) is { } p ? p with { Document = Privacy.Withholding.Apply(p.Document, gate.Withheld) } : null, AuditAction.Export, ct: ct);
                    return Refusal(plan.Access) ?? (plan.Value is { } whole ? JsonSerializer.SerializeToUtf8Bytes(whole, Indented) : NoSuchPatient);
            }
        }

        private static Result<byte[]> NoSuchPatient => Result<byte[]>.Failed("patient", Rules.NotFound, "no patient has this health card number");

        private static Result<byte[]>? Refusal(Privacy.PatientAccess.Result gate) => gate.Allowed ? null : Result<byte[]>.Failed("as", Rules.NotAllowed, gate.WholeRecordWithheld
            ? "this patient's record is withheld from you at the patient's request"
            : "you may not read this patient's plan: you are not on the care team");

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
