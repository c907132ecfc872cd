using HealthLinks.Infrastructure.Pdf;

using SkiaSharp;

namespace HealthLinks.Features.CarePlans;

/// <summary>The plan sheet as a PDF for the patient and for providers outside the product.</summary>
public static class PlanPdf
{
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
