using System.Globalization;
using System.Text.RegularExpressions;

using HealthLinks.Domain;

namespace HealthLinks.Features.Reports;

/// <summary>A calendar quarter, as the reports name it: 2026Q3 is July to September 2026, in Ontario's time.</summary>
public readonly partial record struct Quarter(int Year, int Number)
{
    public DateOnly FirstDay => new(Year, ((Number - 1) * 3) + 1, 1);

    public DateOnly LastDay => FirstDay.AddMonths(3).AddDays(-1);

    /// <summary>The first instant of the quarter (midnight in Toronto), as UTC.</summary>
    public DateTime Start => OntarioTime.StartOfDay(FirstDay);

    /// <summary>The first instant after the quarter, as UTC: figures "as of the end of the quarter" count what happened before it.</summary>
    public DateTime End => OntarioTime.StartOfDay(FirstDay.AddMonths(3));

    public Quarter Previous => Number == 1 ? new(Year - 1, 4) : new(Year, Number - 1);

    public static Quarter Of(DateOnly day) => new(day.Year, ((day.Month - 1) / 3) + 1);

    /// <summary>The quarter before the one the day is in: the last complete quarter.</summary>
    public static Quarter LastCompleteOn(DateOnly day) => Of(day).Previous;

    /// <summary>This quarter and the four before it, oldest first.</summary>
    public IReadOnlyList<Quarter> WithPreviousFour()
    {
        var list = new List<Quarter> { this };
        for (var i = 0; i < 4; i++)
        {
            list.Insert(0, list[0].Previous);
        }

        return list;
    }

    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = default;
        var match = text is null ? null : Pattern().Match(text.Trim());
        if (match is not { Success: true })
        {
            return false;
        }

        quarter = new Quarter(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
        return quarter.Year is >= 2000 and <= 2100;
    }

    public override string ToString() => $"{Year}Q{Number}";

    [GeneratedRegex(@"^(\d{4})\s*[Qq]([1-4])$")]
    private static partial Regex Pattern();
}
