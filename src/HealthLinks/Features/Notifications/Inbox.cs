using HealthLinks.Data;
using HealthLinks.Domain;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Notifications;

/// <summary>The signed-in user's in-app inbox: newest first, unread counted, each message marked read by its reader only.</summary>
public static class Inbox
{
    public sealed record Message(Guid Id, string Kind, string Title, string Body, string? Link, DateTime CreatedAt, bool IsRead);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, TimeProvider clock)
    {
        public const int Shown = 200;

        public async Task<IReadOnlyList<Message>> For(string? email, CancellationToken ct = default)
        {
            if (email is null)
            {
                return [];
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var key = Notification.KeyOf(email);
            var messages = await db.Notifications.AsNoTracking().Where(n => n.RecipientKey == key).OrderByDescending(n => n.CreatedAt).Take(Shown)
                .Select(n => new Message(n.Id, n.Kind, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt != null)).ToListAsync(ct);
            var withheld = await WithheldFrom(db, email, ct);
            return withheld.Count == 0 ? messages : [.. messages.Where(m => PatientOf(m.Link) is not { } patient || !withheld.Contains(patient))];
        }

        public async Task<int> Unread(string? email, CancellationToken ct = default)
        {
            if (email is null)
            {
                return 0;
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var key = Notification.KeyOf(email);
            var withheld = await WithheldFrom(db, email, ct);
            if (withheld.Count == 0)
            {
                return await db.Notifications.CountAsync(n => n.RecipientKey == key && n.ReadAt == null, ct);
            }

            var links = await db.Notifications.Where(n => n.RecipientKey == key && n.ReadAt == null).Select(n => n.Link).ToListAsync(ct);
            return links.Count(l => PatientOf(l) is not { } patient || !withheld.Contains(patient));
        }

        /// <summary>
        /// Patients who withheld their whole record from this reader after a message about them was written: the message
        /// stays stored, but is no longer shown.
        /// </summary>
        private static async Task<HashSet<PatientId>> WithheldFrom(HealthLinksDb db, string email, CancellationToken ct)
        {
            var normalized = email.Trim().ToUpperInvariant();
            var provider = await db.Users.Where(u => u.NormalizedEmail == normalized && u.ProviderId != null).Select(u => u.ProviderId).FirstOrDefaultAsync(ct)
                ?? await db.Providers.Where(p => p.Email == email.Trim()).Select(p => (ProviderId?)p.Id).FirstOrDefaultAsync(ct);
            return provider is null ? [] : [.. await Privacy.DirectiveAudiences.WholeRecordWithheldFrom(db, provider).ToListAsync(ct)];
        }

        /// <summary>The patient a message's link is about (/patients/{id}/…), if any.</summary>
        private static PatientId? PatientOf(string? link)
        {
            var parts = (link ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
            return parts is ["patients", var id, ..] && Guid.TryParse(id, out var patient) ? new PatientId(patient) : null;
        }

        /// <summary>Marks one message (or, with no id, all) read; someone else's message is left as it is.</summary>
        public async Task MarkRead(string? email, Guid? id, CancellationToken ct = default)
        {
            if (email is null)
            {
                return;
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var key = Notification.KeyOf(email);
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var n in await db.Notifications.Where(n => n.RecipientKey == key && n.ReadAt == null && (id == null || n.Id == id)).ToListAsync(ct))
            {
                n.MarkRead(now);
            }

            await db.SaveChangesAsync(ct);
        }
    }
}
