using HealthLinks.Data;
using HealthLinks.Domain;
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

    public sealed record Query(string? Name = null, string? HealthCardNumber = null, DateOnly? DateOfBirth = null, SortBy Sort = SortBy.Name, bool Descending = false, int Skip = 0, int Take = 25);

    public sealed record Row(PatientId Id, string FamilyName, string GivenName, string? PreferredName, DateOnly DateOfBirth, string? HealthCardNumber, EnrollmentStatus? Status);

    public sealed record Page(IReadOnlyList<Row> Rows, int Total);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs)
    {
        public const int MaxPageSize = 100;

        public async Task<Page> Handle(Query query, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var patients = db.Patients.AsNoTracking();
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

            var rows = patients.Select(p => new Row(
                p.Id, p.FamilyName, p.GivenName, p.PreferredName, p.DateOfBirth, p.HealthCardNumber,
                db.Enrollments.Where(e => e.PatientId == p.Id && e.IsOpen).Select(e => (EnrollmentStatus?)e.Status).FirstOrDefault()));
            var total = await patients.CountAsync(ct);
            var sorted = (query.Sort, query.Descending) switch
            {
                (SortBy.DateOfBirth, false) => rows.OrderBy(r => r.DateOfBirth),
                (SortBy.DateOfBirth, true) => rows.OrderByDescending(r => r.DateOfBirth),
                (SortBy.HealthCardNumber, false) => rows.OrderBy(r => r.HealthCardNumber),
                (SortBy.HealthCardNumber, true) => rows.OrderByDescending(r => r.HealthCardNumber),
                (SortBy.Status, false) => rows.OrderBy(r => r.Status),
                (SortBy.Status, true) => rows.OrderByDescending(r => r.Status),
                (_, false) => rows.OrderBy(r => r.FamilyName).ThenBy(r => r.GivenName),
                (_, true) => rows.OrderByDescending(r => r.FamilyName).ThenByDescending(r => r.GivenName),
            };
            var page = await sorted.ThenBy(r => r.Id).Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, MaxPageSize)).ToListAsync(ct);
            return new Page(page, total);
        }
    }
}
