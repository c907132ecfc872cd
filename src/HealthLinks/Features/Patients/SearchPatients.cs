using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Infrastructure.Localization;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Patients;

/// <summary>Finds patients by name (accent- and case-insensitive), health card number or date of birth, a page at a time.</summary>
public static class SearchPatients
{
    public enum SortBy
    {
        Name,
        DateOfBirth,
        HealthCardNumber,
        Status,
    }

    public sealed record Query(Infrastructure.Privacy.Viewer Viewer, string? Name = null, string? HealthCardNumber = null, DateOnly? DateOfBirth = null, SortBy Sort = SortBy.Name, bool Descending = false, int Skip = 0, int Take = 25);

    public sealed record Row(PatientId Id, string FamilyName, string GivenName, string? PreferredName, DateOnly DateOfBirth, string? HealthCardNumber, EnrollmentStatus? Status);

    public sealed record Page(IReadOnlyList<Row> Rows, int Total);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, Privacy.PatientAccess access, TimeProvider clock)
    {
        public const int MaxPageSize = 100;

        public async Task<Page> Handle(Query query, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var patients = Privacy.PatientAccess.Visible(db, query.Viewer, Ontario.Today(clock)).AsNoTracking();
            foreach (var term in SearchText.Fold(query.Name).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                patients = patients.Where(p => p.SearchKey.Contains(term));
            }

            var card = new string((query.HealthCardNumber ?? "").Where(char.IsAsciiDigit).ToArray());
            if (card.Length > 0)
            {
                patients = patients.Where(p => p.HealthCardNumber != null && p.HealthCardNumber.StartsWith(card));
            }

            if (query.DateOfBirth is { } dob)
            {
                patients = patients.Where(p => p.DateOfBirth == dob);
            }

            var total = await patients.CountAsync(ct);
            var withStatus = patients.Select(p => new
            {
                Patient = p,
                Status = db.Enrollments.Where(e => e.PatientId == p.Id && e.IsOpen).Select(e => (EnrollmentStatus?)e.Status).FirstOrDefault(),
            });
            var sorted = (query.Sort, query.Descending) switch
            {
                (SortBy.DateOfBirth, false) => withStatus.OrderBy(x => x.Patient.DateOfBirth),
                (SortBy.DateOfBirth, true) => withStatus.OrderByDescending(x => x.Patient.DateOfBirth),
                (SortBy.HealthCardNumber, false) => withStatus.OrderBy(x => x.Patient.HealthCardNumber),
                (SortBy.HealthCardNumber, true) => withStatus.OrderByDescending(x => x.Patient.HealthCardNumber),
                (SortBy.Status, false) => withStatus.OrderBy(x => x.Status),
                (SortBy.Status, true) => withStatus.OrderByDescending(x => x.Status),
                (_, false) => withStatus.OrderBy(x => x.Patient.FamilyName).ThenBy(x => x.Patient.GivenName),
                (_, true) => withStatus.OrderByDescending(x => x.Patient.FamilyName).ThenByDescending(x => x.Patient.GivenName),
            };
            var page = await sorted.ThenBy(x => x.Patient.Id)
                .Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, MaxPageSize))
                .Select(x => new Row(x.Patient.Id, x.Patient.FamilyName, x.Patient.GivenName, x.Patient.PreferredName, x.Patient.DateOfBirth, x.Patient.HealthCardNumber, x.Status))
                .ToListAsync(ct);
            await access.Listed(query.Viewer, page.Select(r => r.Id), "Patient search", ct);
            return new Page(page, total);
        }
    }
}
