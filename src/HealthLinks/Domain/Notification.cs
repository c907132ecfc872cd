namespace HealthLinks.Domain;

/// <summary>
/// A message in someone's in-app inbox. Addressed by email, so a provider who has no account yet finds it when they get
/// one. The link is an address inside the product (never with personal information in it).
/// </summary>
public sealed class Notification
{
    private Notification()
    {
        (RecipientKey, Kind, Title, Body) = ("", "", "", "");
    }

    public Notification(string recipientEmail, string kind, string title, string body, string? link, DateTime createdAt)
    {
        (RecipientKey, Kind, Title, Body, Link, CreatedAt) = (KeyOf(recipientEmail), kind, title, body, link, createdAt);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    /// <summary>The recipient's email, trimmed and upper-cased, as Identity normalizes it.</summary>
    public string RecipientKey { get; private set; }

    /// <summary>What the message is about, e.g. "information-sheet"; reminder jobs use it to send each thing once.</summary>
    public string Kind { get; private set; }

    public string Title { get; private set; }

    public string Body { get; private set; }

    public string? Link { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? ReadAt { get; private set; }

    public static string KeyOf(string email) => email.Trim().ToUpperInvariant();

    public void MarkRead(DateTime at) => ReadAt ??= at;
}
