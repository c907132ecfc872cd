using HealthLinks.Features.Notifications;

using MimeKit;

namespace HealthLinks.Features.Accounts;

/// <summary>The email that carries a one-time password link, in English and French (the account's language is not known yet).</summary>
public sealed class PasswordLinkEmail(Notifier notifier)
{
    public string Url(string path) => notifier.Site + path;

    public Task Send(string to, string path, CancellationToken ct = default)
    {
        var message = new MimeMessage { Subject = "HealthLinks: choose your password / choisissez votre mot de passe" };
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new TextPart("plain")
        {
            Text = $"You have a HealthLinks account. Choose your password within 24 hours; the link works once:\n{Url(path)}\n\n"
                + $"Vous avez un compte HealthLinks. Choisissez votre mot de passe dans les 24 heures; le lien ne fonctionne qu'une fois :\n{Url(path)}\n",
        };
        return notifier.Deliver(message, ct);
    }
}
