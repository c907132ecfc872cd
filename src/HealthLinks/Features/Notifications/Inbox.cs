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
            return await db.Notifications.AsNoTracking().Where(n => n.RecipientKey == key).OrderByDescending(n => n.CreatedAt).Take(Shown)
                .Select(n => new Message(n.Id, n.Kind, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt != null)).ToListAsync(ct);
        }

        public async Task<int> Unread(string? email, CancellationToken ct = default)
        {
            if (email is null)
            {
                return 0;
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var key = Notification.KeyOf(email);
            return await db.Notifications.CountAsync(n => n.RecipientKey == key && n.ReadAt == null, ct);
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
