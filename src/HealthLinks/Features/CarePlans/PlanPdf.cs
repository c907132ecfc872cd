using HealthLinks.Domain;
using HealthLinks.Infrastructure.Pdf;

using SkiaSharp;

namespace HealthLinks.Features.CarePlans;

/// <summary>The plan sheet as a PDF for the patient and for providers outside the product: the one place it is made, for the web and the command line.</summary>
public static class PlanPdf
{
    public sealed record File(byte[] Content, string Language);

    public sealed class Handler(BuildPlanSheet.Handler sheets)
    {
        /// <summary>The PDF of the sheet this viewer may read, audited as a download or an export.</summary>
        public async Task<Privacy.Opened<File>> Handle(Infrastructure.Privacy.Viewer viewer, PatientId patient, string? language, Domain.Privacy.AuditAction action, CancellationToken ct = default)
        {
            var opened = await sheets.Handle(viewer, patient, language, "Plan PDF", action, ct);
            return new(opened.Access, opened.Value is { } sheet ? new File(Render(sheet), sheet.Language) : null);
        }
    }

    public static byte[] Render(PlanSheet sheet)
    {
        using var output = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata { Title = sheet.Title, Creator = "HealthLinks", Producer = "HealthLinks" };
        using (var document = SKDocument.CreatePdf(output, metadata))
        {
            using var layout = new PdfTextLayout(document, sheet.Title);
            layout.Heading(sheet.Title, 18);
            layout.Text(null, sheet.Subtitle, 0);
            if (sheet.Notice is not null)
            {
                layout.Text(null, sheet.Notice, 0);
            }
            foreach (var section in sheet.Sections)
            {
                layout.Heading(section.Heading, 13);
                foreach (var line in section.Lines)
                {
                    layout.Text(line.Label, line.Text, line.Indent);
                }
            }
        }

        return output.ToArray();
    }
}
