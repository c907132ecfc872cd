using System.Globalization;

using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Infrastructure.Localization;
using HealthLinks.Infrastructure.Pdf;
using HealthLinks.Resources;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

using SkiaSharp;

namespace HealthLinks.Features.Enrollment;

/// <summary>The letter that introduces coordinated care to a patient, in English or French (by default the patient's language), for print and as PDF.</summary>
public static class InvitationLetter
{
    public sealed record Letter(string Language, string Title, string Greeting, IReadOnlyList<string> Paragraphs, string Closing, string Signature);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, Privacy.PatientAccess access, IStringLocalizer<Strings> l, TimeProvider clock)
    {
        /// <summary>The letter, signed by the coordinator asking, audited as printed or downloaded.</summary>
        public Task<Privacy.Opened<Letter>> Handle(Infrastructure.Privacy.Viewer viewer, PatientId patientId, string? language, Domain.Privacy.AuditAction action = Domain.Privacy.AuditAction.Print, CancellationToken ct = default) =>
            access.Read(viewer, patientId, "Invitation letter", _ => Build(patientId, viewer.ProviderId, language, ct), action, Domain.Privacy.AccessScope.Registration, ct);

        private async Task<Letter?> Build(PatientId patientId, ProviderId? from, string? language, CancellationToken ct)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, ct);
            if (patient is null)
            {
                return null;
            }

            var healthLink = await db.HealthLinks.AsNoTracking().Where(h => h.Id == patient.HealthLinkId).Select(h => h.Name).SingleAsync(ct);
            var coordinator = from is { } id ? await db.Providers.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) : null;
            language = language is "en" or "fr" ? language : patient.Language == PreferredLanguage.French ? "fr" : "en";
            var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(language == "fr" ? "fr-CA" : "en-CA");
            try
            {
                var name = coordinator?.DisplayName ?? l["Letter_YourCoordinator"];
                var contact = coordinator?.Phone ?? coordinator?.Email ?? healthLink;
                return new Letter(
                    language,
                    l["Letter_Title"],
                    string.Format(CultureInfo.CurrentCulture, l["Letter_Greeting"], patient.PreferredName ?? patient.GivenName, patient.FamilyName),
                    [
                        string.Format(CultureInfo.CurrentCulture, l["Letter_P1"], healthLink),
                        l["Letter_P2"],
                        l["Letter_P3"],
                        string.Format(CultureInfo.CurrentCulture, l["Letter_P4"], name, contact),
                    ],
                    l["Letter_Closing"],
                    $"{name} · {l["Letter_Role"]} · {healthLink} · {Ontario.Today(clock).ToString(language == "fr" ? "yyyy-MM-dd" : "MMMM d, yyyy", CultureInfo.CurrentCulture)}");
            }
            finally
            {
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
            }
        }
    }

    public static byte[] Pdf(Letter letter)
    {
        using var output = new MemoryStream();
        using (var document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata { Title = letter.Title, Creator = "HealthLinks", Producer = "HealthLinks" }))
        {
            using var layout = new PdfTextLayout(document, letter.Title);
            layout.Heading(letter.Title, 16);
            layout.Text(null, letter.Greeting, 0);
            foreach (var paragraph in letter.Paragraphs)
            {
                layout.Text(null, paragraph, 0);
            }

            layout.Text(null, letter.Closing, 0);
            layout.Text(null, letter.Signature, 0);
        }

        return output.ToArray();
    }
}
