using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Fhir;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Import;

/// <summary>
/// Imports FHIR R4 files (bundles of any type, single resources, NDJSON) into a Health Link: patients, encounters,
/// conditions, organizations, practitioners, costs and prescriptions. Every rejected entry is reported with its file,
/// entry number and reason while the rest imports; a transaction bundle is all or nothing. Importing the same data
/// again changes nothing: each resource is remembered by its FHIR type and id (a patient also by health card number).
/// </summary>
public static class ImportFhir
{
    public const string Source = "fhir";

    /// <summary>The resource types imported, in the order that lets each refer to the ones before.</summary>
    public static IReadOnlyList<string> Supported => FhirResources.Supported;

    /// <summary>By, when given, is the account importing: a Health Link administrator imports into their own Health Link only.</summary>
    public sealed record Command(string Path, Guid? HealthLinkId = null, Infrastructure.Privacy.Viewer? By = null);

    public sealed record Rejection(string File, int Entry, string Reason);

    public sealed record Progress(int FilesDone, int FilesTotal, string File);

    public sealed record Summary(int Files, IReadOnlyDictionary<string, int> Imported, int Unchanged, IReadOnlyDictionary<string, int> Ignored, IReadOnlyList<Rejection> Rejected)
    {
        public int ImportedTotal => Imported.Values.Sum();
    }

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, Infrastructure.Privacy.AuditTrail audit, TimeProvider clock)
    {
        public async Task<Result<Summary>> Handle(Command command, IProgress<Progress>? progress = null, CancellationToken ct = default)
        {
            var files = Directory.Exists(command.Path)
                ? Directory.EnumerateFiles(command.Path).Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList()
                : File.Exists(command.Path) ? [command.Path] : null;
            if (files is null)
            {
                return Result<Summary>.Failed("Path", Rules.NotFound, "no such file or folder");
            }

            HealthLink? healthLink;
            await using (var db = await dbs.CreateDbContextAsync(ct))
            {
                var healthLinks = await db.HealthLinks.AsNoTracking().ToListAsync(ct);
                healthLink = command.HealthLinkId is { } id ? healthLinks.FirstOrDefault(h => h.Id == id) : healthLinks.Count == 1 ? healthLinks[0] : null;
                if (healthLink is null)
                {
                    return Result<Summary>.Failed("HealthLinkId", Rules.NotFound, healthLinks.Count == 0 ? "create a Health Link first" : "choose the Health Link the patients belong to");
                }

                if (command.By is { } by && by.HealthLinkId != healthLink.Id)
                {
                    return Result<Summary>.Failed("HealthLinkId", Rules.NotAllowed, "you import into your own Health Link only");
                }
            }

            var totals = new Totals();
            for (var i = 0; i < files.Count; i++)
            {
                progress?.Report(new Progress(i, files.Count, Path.GetFileName(files[i])));
                await ImportFile(files[i], healthLink, totals, command.By, ct);
            }

            progress?.Report(new Progress(files.Count, files.Count, ""));
            return new Summary(files.Count, totals.Imported, totals.Unchanged, totals.Ignored, totals.Rejected);
        }

        private async Task ImportFile(string path, HealthLink healthLink, Totals totals, Infrastructure.Privacy.Viewer? by, CancellationToken ct)
        {
            var name = Path.GetFileName(path);
            FhirResources.File read;
            try
            {
                read = FhirResources.Read(path, name);
            }
            catch (NotFhirException e)
            {
                totals.Rejected.Add(new Rejection(name, 0, e.Message));
                return;
            }

            var (resources, rejected, ignored) = (read.Resources, read.Rejected, read.Ignored);
            var transaction = read.BundleType == "transaction";
            if (transaction && rejected.Count > 0)
            {
                totals.Rejected.AddRange(rejected);
                totals.Rejected.Add(new Rejection(name, 0, $"a transaction bundle is all or nothing: nothing imported because {rejected.Count} entries were rejected"));
                return;
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var records = new RecordImport(db, healthLink, Source, clock.GetUtcNow().UtcDateTime);
            var file = new FhirFileImport(records, name, resources);
            await file.Run(ct);
            rejected.AddRange(file.Rejected);
            if (transaction && file.Rejected.Count > 0)
            {
                await tx.RollbackAsync(ct);
                totals.Rejected.AddRange(rejected);
                totals.Rejected.Add(new Rejection(name, 0, $"a transaction bundle is all or nothing: nothing imported because {file.Rejected.Count} entries were rejected"));
                return;
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            // Import changes patients' records: each patient written to is in the audit, as the file's source.
            var viewer = (by ?? new Infrastructure.Privacy.Viewer("", "import", [], null, null, healthLink.Id, Domain.Privacy.AuditSource.Import)) with { Source = Domain.Privacy.AuditSource.Import };
            await audit.AppendMany(viewer, records.Touched, $"FHIR import: {Clip(name)}", Domain.Privacy.AuditAction.Change, Domain.Privacy.AuditOutcome.Allowed, Domain.Privacy.AccessBasis.HealthLinkRole, ct);
            totals.Add(records.Imported, records.Unchanged, ignored, rejected);
        }

        private static string Clip(string name) => name.Length <= 60 ? name : name[..60];
    }

    private sealed class Totals
    {
        public Dictionary<string, int> Imported { get; } = [];

        public int Unchanged { get; private set; }

        public Dictionary<string, int> Ignored { get; } = [];

        public List<Rejection> Rejected { get; } = [];

        public void Add(Dictionary<string, int> imported, int unchanged, Dictionary<string, int> ignored, List<Rejection> rejected)
        {
            foreach (var (type, count) in imported)
            {
                Imported[type] = Imported.GetValueOrDefault(type) + count;
            }

            foreach (var (type, count) in ignored)
            {
                Ignored[type] = Ignored.GetValueOrDefault(type) + count;
            }

            Unchanged += unchanged;
            Rejected.AddRange(rejected);
        }
    }
}
