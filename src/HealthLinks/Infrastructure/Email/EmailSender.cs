using HealthLinks.Data;

using MailKit.Net.Smtp;
using MailKit.Security;

using Microsoft.Extensions.Configuration;

using MimeKit;

namespace HealthLinks.Infrastructure.Email;

/// <summary>
/// Sends email with MailKit: to an SMTP server (Email:Smtp:Host, Port, User, Password), or, when Email:Outbox is set
/// (Development), as .eml files in that folder (relative to the checkout) so nothing leaves the machine.
/// </summary>
public sealed class EmailSender(IConfiguration configuration)
{
    public MailboxAddress From => new(configuration["Email:FromName"] ?? "HealthLinks", configuration["Email:From"] ?? "healthlinks@localhost");

    public async Task Send(MimeMessage message, CancellationToken ct = default)
    {
        message.From.Add(From);
        if (configuration["Email:Outbox"] is { Length: > 0 } outbox)
        {
            var folder = Path.IsPathRooted(outbox) ? outbox : Path.Combine(DatabaseSetup.SourceRoot() ?? Directory.GetCurrentDirectory(), outbox);
            Directory.CreateDirectory(folder);
            await message.WriteToAsync(Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.eml"), ct);
            return;
        }

        var host = configuration["Email:Smtp:Host"] ?? throw new InvalidOperationException("Set Email:Outbox (a folder) or Email:Smtp:Host to send email.");
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(host, int.Parse(configuration["Email:Smtp:Port"] ?? "587", System.Globalization.CultureInfo.InvariantCulture), SecureSocketOptions.StartTlsWhenAvailable, ct);
        if (configuration["Email:Smtp:User"] is { Length: > 0 } user)
        {
            await smtp.AuthenticateAsync(user, configuration["Email:Smtp:Password"] ?? "", ct);
        }

        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(quit: true, ct);
    }
}
