using HealthLinks.Domain;

namespace HealthLinks.Infrastructure.Localization;

/// <summary>
/// The product's "today" and "now" are Ontario's, from the injected clock, wherever the server runs. Reading the
/// server's own time zone is banned in src/ (the analyzer's list is src/BannedSymbols.txt).
/// </summary>
public static class Ontario
{
    public static DateOnly Today(TimeProvider clock) => OntarioTime.DayOf(clock.GetUtcNow().UtcDateTime);

    /// <summary>Ontario's wall-clock time now, as a person reads it or types it into a form.</summary>
    public static DateTime Now(TimeProvider clock) => OntarioTime.ToWallClock(clock.GetUtcNow().UtcDateTime);

    /// <summary>An Ontario wall-clock time, as a user enters it, in UTC.</summary>
    public static DateTime ToUtc(DateTime wallClock) => OntarioTime.ToUtc(wallClock);

    public static DateTime ToWallClock(DateTime utc) => OntarioTime.ToWallClock(utc);
}
