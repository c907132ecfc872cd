using System.Globalization;

using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Features.Privacy;
using HealthLinks.Infrastructure.Email;
using HealthLinks.Infrastructure.Localization;
using HealthLinks.Resources;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

using MimeKit;

namespace HealthLinks.Features.Enrollment;

/// <summary>
/// On enrollment, every provider known from the patient's record (the care team and those who saw the patient in the
/// last two years) with an email address receives an information sheet: what coordinated care is, what is asked of
/// them, and how to reach the lead coordinator, by email and in their in-app inbox. No health information beyond the
/// patient's name goes in the email.
/// </summary>
public static class ProviderInformationSheets
{
    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, EmailSender email, IStringLocalizer<Strings> l, TimeProvider clock)
    {
        /// <summary>To the team and the providers who saw the patient lately, or only to those named (a new member); returns how many were written to.</summary>
        internal async Task<int> Send(PatientId patientId, CancellationToken ct = default) => await Send(patientId, null, ct);

        internal async Task<int> Send(PatientId patientId, IReadOnlyCollection<ProviderId>? only, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var patient = await db.Patients.AsNoTracking().Include(p => p.CareTeam).SingleAsync(p => p.Id == patientId, ct);
            var today = Ontario.Today(clock);
            var since = clock.GetUtcNow().UtcDateTime.AddYears(-2);
            var lead = patient.LeadOn(today)?.ProviderId;
            var seen = db.Encounters.Where(e => e.PatientId == patientId && e.Start >= since && e.ProviderId != null).Select(e => e.ProviderId!.Value);
            var team = patient.CareTeam.Where(m => m.ProviderId != null && m.IsActiveOn(today)).Select(m => m.ProviderId!.Value).ToList();
            var candidates = only is not null
                ? await db.Providers.Where(p => only.Contains(p.Id) && p.Email != null && p.Id != lead).Select(p => p.Id).ToListAsync(ct)
                : await db.Providers.Where(p => (team.Contains(p.Id) || seen.Contains(p.Id)) && p.Email != null && p.Id != lead).Select(p => p.Id).ToListAsync(ct);
            // A provider the patient withheld the whole record from is not told of the enrollment.
            var told = await DirectiveAudiences.MayBeTold(db, patientId, candidates, today, ct);
            var providers = await db.Providers.AsNoTracking().Where(p => told.Contains(p.Id)).ToListAsync(ct);
            var leader = lead is { } id ? await db.Providers.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) : null;
            var healthLink = await db.HealthLinks.AsNoTracking().Where(h => h.Id == patient.HealthLinkId).Select(h => h.Name).SingleAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var provider in providers)
            {
                var message = Message(provider, patient, leader, healthLink);
                await email.Send(message, ct);
                await Notifications.Notifier.Add(db, provider.Email!, "information-sheet",
                    () => (string.Format(CultureInfo.CurrentCulture, l["Sheet_InboxTitle"], patient.DisplayName), message.TextBody ?? ""), $"/patients/{patient.Id}", now, ct);
            }

            // In the product too: providers with an account read the same sheet in their inbox.
            await db.SaveChangesAsync(ct);

            return providers.Count;
        }

        private MimeMessage Message(Provider provider, Patient patient, Provider? lead, string healthLink)
        {
            var reach = lead is null ? "" : string.Join(", ", new[] { lead.Phone, lead.Email }.Where(x => !string.IsNullOrWhiteSpace(x)));
            var contact = lead is null ? healthLink : reach.Length == 0 ? lead.DisplayName : $"{lead.DisplayName} ({reach})";
            var message = new MimeMessage { Subject = string.Format(CultureInfo.CurrentCulture, l["Sheet_EmailSubject"], patient.DisplayName) };
            message.To.Add(new MailboxAddress(provider.DisplayName, provider.Email!));
            var text = string.Join("\n\n",
                string.Format(CultureInfo.CurrentCulture, l["Sheet_EmailGreeting"], provider.DisplayName),
                string.Format(CultureInfo.CurrentCulture, l["Sheet_EmailWhat"], patient.DisplayName, healthLink),
                l["Sheet_EmailAsk"],
                string.Format(CultureInfo.CurrentCulture, l["Sheet_EmailContact"], contact));
            message.Body = new TextPart("plain") { Text = text };
            return message;
        }
    }
}
