namespace HealthLinks.Domain;

/// <summary>
/// One reminder that went out, keyed by what it was about (e.g. "action-overdue:{action}:{target date}"). Written in the
/// same transaction as the notification it sent; the key is unique, so running a job twice sends nothing twice.
/// </summary>
public sealed class SentReminder(string key, DateTime sentAt)
{
    public string Key { get; private set; } = key;

    public DateTime SentAt { get; private set; } = sentAt;
}
