using System.Globalization;
using System.Numerics;

using CsvHelper;

using HealthLinks.Domain;
using HealthLinks.Features.Reports;

namespace HealthLinks.Features.Regional;

/// <summary>
/// The two quarterly files a region receives from the agencies it funds, told apart by their header: services.csv
/// (volume and funding) and performance.csv (accountability-agreement indicators with their corridors). Each row is
/// checked, and each problem names its row (the header is row 1) and column.
/// </summary>
public static class ServiceFiles
{
    public enum Kind
    {
        Services,
        Performance,
    }

    /// <summary>A problem with the file: <see cref="Code"/> names the message (RegionImport_Code), <see cref="Detail"/> fills it in.</summary>
    public sealed record Problem(int Row, string Column, string Code, string Detail = "");

    public sealed record ServiceRow(int Row, Quarter Quarter, string Organization, string Category, decimal Funding, int Individuals, int Visits);

    public sealed record PerformanceRow(int Row, Quarter Quarter, string Organization, string Category, string Indicator, double Actual, double Target, double Lower, double Upper);

    public sealed record Contents(Kind? Kind, IReadOnlyList<ServiceRow> Services, IReadOnlyList<PerformanceRow> Performance, IReadOnlyList<Problem> Problems);

    public static readonly string[] ServiceColumns = ["quarter", "organization", "service_category", "funding", "individuals_served", "visits"];

    public static readonly string[] PerformanceColumns = ["quarter", "organization", "service_category", "indicator", "actual", "target", "lower_limit", "upper_limit"];

    public const int MaxRows = 1_000_000;

    /// <summary>Problems past this many are not listed (the count says how many there were).</summary>
    public const int MaxProblemsListed = 200;

    public static Contents Read(TextReader text)
    {
        var problems = new List<Problem>();
        var services = new List<ServiceRow>();
        var performance = new List<PerformanceRow>();
        using var csv = CsvReader.Create(text, new CsvReaderOptions { Separator = ',', TrimWhitespace = true, TrackLineNumbers = true, MalformedData = CsvMalformedDataHandling.Throw }, leaveOpen: true);
        Kind? kind;
        try
        {
            var header = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToArray();
            if (header.Length == 0 || header.All(h => h.Length == 0))
            {
                return new(null, [], [], [new(1, "", "Empty")]);
            }

            kind = header.Contains("indicator") ? Kind.Performance : header.Contains("funding") ? Kind.Services : null;
            if (kind is null)
            {
                return new(null, [], [], [new(1, "", "NotRecognized")]);
            }

            var expected = kind == Kind.Services ? ServiceColumns : PerformanceColumns;
            problems.AddRange(expected.Where(c => !header.Contains(c)).Select(c => new Problem(1, c, "MissingColumn", c)));
            problems.AddRange(header.Where(c => !expected.Contains(c)).Select(c => new Problem(1, c, "UnknownColumn", c)));
            if (problems.Count > 0)
            {
                return new(kind, [], [], problems);
            }

            var index = expected.ToDictionary(c => c, c => Array.IndexOf(header, c));
            var seen = new Dictionary<string, int>();
            while (csv.Read())
            {
                var row = (int)csv.LineNumber;
                if (Enumerable.Range(0, csv.FieldCount).All(i => csv.IsEmpty(i)))
                {
                    continue;
                }

                if (services.Count + performance.Count >= MaxRows)
                {
                    problems.Add(new(row, "", "TooManyRows", MaxRows.ToString("N0", CultureInfo.InvariantCulture)));
                    break;
                }

                var cells = new Cells(csv, index, row, problems);
                var quarter = cells.Quarter("quarter");
                var organization = cells.Text("organization", 200);
                var category = cells.Text("service_category", 200);
                string? key;
                if (kind == Kind.Services)
                {
                    var (funding, individuals, visits) = (cells.Money("funding"), cells.Whole("individuals_served"), cells.Whole("visits"));
                    key = $"{quarter}|{Fold(organization)}|{Fold(category)}";
                    if (cells.Valid)
                    {
                        services.Add(new(row, quarter!.Value, organization!, category!, funding!.Value, individuals!.Value, visits!.Value));
                    }
                }
                else
                {
                    var indicator = cells.Text("indicator", 100);
                    var (actual, target, lower, upper) = (cells.Number("actual"), cells.Number("target"), cells.Number("lower_limit"), cells.Number("upper_limit"));
                    if (lower > upper)
                    {
                        problems.Add(new(row, "lower_limit", "LimitsReversed", Format(lower.Value)));
                    }

                    key = $"{quarter}|{Fold(organization)}|{Fold(category)}|{Fold(indicator)}";
                    if (cells.Valid && lower <= upper)
                    {
                        performance.Add(new(row, quarter!.Value, organization!, category!, indicator!, actual!.Value, target!.Value, lower.Value, upper!.Value));
                    }
                }

                if (!seen.TryAdd(key, row))
                {
                    problems.Add(new(row, "", "Duplicate", seen[key].ToString(CultureInfo.InvariantCulture)));
                }
            }
        }
        catch (CsvFormatException e)
        {
            problems.Add(new((int)e.LineNumber, "", "Unreadable"));
            return new(null, [], [], problems);
        }

        if (problems.Count == 0 && services.Count + performance.Count == 0)
        {
            problems.Add(new(1, "", "Empty"));
        }

        return new(kind, services, performance, problems);
    }

    /// <summary>How names are matched: case, accents and repeated spaces do not matter.</summary>
    public static string Fold(string? name) => SearchText.Fold(string.Join(' ', (name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)));

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>One row's cells, read by column name; each bad cell adds its problem.</summary>
    private sealed class Cells(CsvReader csv, Dictionary<string, int> index, int row, List<Problem> problems)
    {
        private readonly int _before = problems.Count;

        public bool Valid => problems.Count == _before;

        private string? Raw(string column)
        {
            var value = index[column] < csv.FieldCount ? csv.GetString(index[column]).Trim() : null;
            if (string.IsNullOrEmpty(value))
            {
                problems.Add(new(row, column, "Required"));
                return null;
            }

            return value;
        }

        public string? Text(string column, int max)
        {
            var value = Raw(column);
            if (value is { Length: var length } && length > max)
            {
                problems.Add(new(row, column, "TooLong", max.ToString(CultureInfo.InvariantCulture)));
                return null;
            }

            return value;
        }

        public Quarter? Quarter(string column)
        {
            var value = Raw(column);
            if (value is null)
            {
                return null;
            }

            if (!Reports.Quarter.TryParse(value, out var quarter))
            {
                problems.Add(new(row, column, "BadQuarter", value));
                return null;
            }

            return quarter;
        }

        public decimal? Money(string column)
        {
            var value = Raw(column);
            if (value is null)
            {
                return null;
            }

            if (!decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount) || amount >= 1_000_000_000_000m)
            {
                problems.Add(new(row, column, "NotANumber", value));
                return null;
            }

            return NotNegative(column, value, amount);
        }

        public int? Whole(string column)
        {
            var value = Raw(column);
            if (value is null)
            {
                return null;
            }

            if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
            {
                problems.Add(new(row, column, "NotAWholeNumber", value));
                return null;
            }

            return NotNegative(column, value, count);
        }

        public double? Number(string column)
        {
            var value = Raw(column);
            if (value is null)
            {
                return null;
            }

            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
            {
                problems.Add(new(row, column, "NotANumber", value));
                return null;
            }

            return number;
        }

        private T? NotNegative<T>(string column, string value, T number)
            where T : struct, INumber<T>
        {
            if (T.IsNegative(number))
            {
                problems.Add(new(row, column, "Negative", value));
                return null;
            }

            return number;
        }
    }
}
