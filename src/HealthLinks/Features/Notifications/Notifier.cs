using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Infrastructure.Email;
using HealthLinks.Infrastructure.Localization;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

using MimeKit;

namespace HealthLinks.Features.Notifications;

/// <summary>
/// Tells someone something: an inbox message, added to the caller's unit of work so it is stored with the change it is
/// about, and an email sent once that is saved. The email carries a subject and a link, never personal health information.
/// </summary>
public sealed class Notifier(EmailSender email, IConfiguration configuration, ILogger<Notifier> log)
{
    public sealed record Email(string To, string Subject, string Link);

    /// <summary>
    /// Adds the message, written in its recipient's language (the one their account last chose; English without an
    /// account): <paramref name="write"/> is called with that language as the current culture.
    /// </summary>
    public static async Task<Email> Add(HealthLinksDb db, string recipient, string kind, Func<(string Title, string Body)> write, string link, DateTime now, CancellationToken ct)
    {
        var normalized = recipient.ToUpperInvariant();
        var language = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Language).FirstOrDefaultAsync(ct);
        var (title, body) = Languages.In(language, write);
        db.Notifications.Add(new Notification(recipient, kind, title, body, link, now));
        return new Email(recipient, title, link);
    }

    public static async Task<List<Email>> Add(HealthLinksDb db, IEnumerable<string> recipients, string kind, Func<(string Title, string Body)> write, string link, DateTime now, CancellationToken ct)
    {
        var emails = new List<Email>();
        foreach (var recipient in recipients)
        {
            emails.Add(await Add(db, recipient, kind, write, link, now, ct));
        }

        return emails;
    }

    /// <summary>The product's address for links in emails (App:BaseUrl).</summary>
    public string Site => (configuration["App:BaseUrl"] ?? "http://localhost:5080").TrimEnd('/');

    public async Task Send(IEnumerable<Email> emails, CancellationToken ct = default)
    {
        foreach (var e in emails)
        {
            var message = new MimeMessage { Subject = $"HealthLinks: {e.Subject}" };
            message.To.Add(MailboxAddress.Parse(e.To));
            message.Body = new TextPart("plain")
            {
                Text = $"{e.Subject}\n\nSign in to HealthLinks to read it: {Site}{e.Link}\n\n"
                    + $"Connectez-vous à HealthLinks pour le lire : {Site}{e.Link}\n",
            };
            await Deliver(message, ct);
        }
    }

    /// <summary>Sends one message; a failure is logged (never with the message's content) and does not stop the caller.</summary>
    public async Task Deliver(MimeMessage message, CancellationToken ct = default)
    {
        try
        {
            await email.Send(message, ct);
        }
        catch (Exception ex) when (ex is IOException or MailKit.CommandException or MailKit.ProtocolException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            // Not the exception itself: a server's refusal quotes the recipient's address.
            log.LogWarning("An email could not be sent: {Failure} (SMTP status {Status})", ex.GetType().Name, (ex as MailKit.Net.Smtp.SmtpCommandException)?.StatusCode);
        }
    }

    /// <summary>Where to reach the providers who may be told about this patient: those a directive withholds the whole record from are left out.</summary>
    public static async Task<Dictionary<ProviderId, string>> ProviderEmails(HealthLinksDb db, PatientId about, IReadOnlyCollection<ProviderId> providers, DateOnly today, CancellationToken ct) =>
        await ProviderEmails(db, await Privacy.DirectiveAudiences.MayBeTold(db, about, providers, today, ct), ct);

    /// <summary>Where to reach each provider: the email of their account, else the one in the directory.</summary>
    public static async Task<Dictionary<ProviderId, string>> ProviderEmails(HealthLinksDb db, IReadOnlyCollection<ProviderId> providers, CancellationToken ct)
    {
        var accounts = await db.Users.Where(u => u.ProviderId != null && providers.Contains(u.ProviderId.Value) && u.Email != null)
            .Select(u => new { Provider = u.ProviderId!.Value, u.Email }).ToListAsync(ct);
        var directory = await db.Providers.Where(p => providers.Contains(p.Id) && p.Email != null).Select(p => new { p.Id, p.Email }).ToListAsync(ct);
        var emails = directory.ToDictionary(p => p.Id, p => p.Email!);
        foreach (var a in accounts)
        {
            emails[a.Provider] = a.Email!;
        }

        return emails;
    }
}
