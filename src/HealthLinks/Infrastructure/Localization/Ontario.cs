namespace HealthLinks.Infrastructure.Localization;

/// <summary>The product's day is Ontario's, wherever the server runs.</summary>
public static class Ontario
{
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Languages.Toronto).DateTime);

    /// <summary>An Ontario wall-clock time, as a user enters it, in UTC.</summary>
    public static DateTime ToUtc(DateTime wallClock) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified), Languages.Toronto);

    public static DateTime ToWallClock(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Languages.Toronto);
}
