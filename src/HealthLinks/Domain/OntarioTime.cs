namespace HealthLinks.Domain;

/// <summary>
/// Instants are stored in UTC; the day a person means is Ontario's. Every rule that asks "which day is it" asks here,
/// so a save at 23:30 in Toronto on a UTC server is still dated today.
/// </summary>
public static class OntarioTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");

    /// <summary>The Ontario day of a UTC instant.</summary>
    public static DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(ToWallClock(utc));

    public static DateTime ToWallClock(DateTime utc) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone), DateTimeKind.Unspecified);

    /// <summary>Midnight at the start of the day in Toronto, as UTC.</summary>
    public static DateTime StartOfDay(DateOnly day) => ToUtc(day.ToDateTime(TimeOnly.MinValue));

    public static DateTime ToUtc(DateTime wallClock) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified), Zone);
}
