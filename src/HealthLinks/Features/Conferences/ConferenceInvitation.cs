using HealthLinks.Domain;
using HealthLinks.Infrastructure.Localization;

using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

using MimeKit;

namespace HealthLinks.Features.Conferences;

/// <summary>
/// The emailed invitation to a care conference: a short text and an iCalendar (.ics) request in Ontario time that
/// calendar programs add as a meeting. Email is not a safe channel, so neither names the patient.
/// </summary>
public static class ConferenceInvitation
{
    public const string TimeZone = "America/Toronto";

    public static string Calendar(CareConference conference, string method = "REQUEST")
    {
        var calendar = new Calendar { Method = method };
        calendar.AddTimeZone(TimeZone);
        var start = Ontario.ToWallClock(conference.StartsAt);
        var end = Ontario.ToWallClock(conference.EndsAt);
        var meeting = new CalendarEvent
        {
            Uid = $"{conference.Id}@healthlinks",
            Sequence = conference.Sequence,
            Summary = "Care conference / Rencontre de soins (HealthLinks)",
            Start = new CalDateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, TimeZone),
            End = new CalDateTime(end.Year, end.Month, end.Day, end.Hour, end.Minute, 0, TimeZone),
            Location = conference.Place ?? conference.VideoLink,
            Description = conference.VideoLink is { } link ? $"Video / Vidéo : {link}" : null,
            Organizer = new Organizer($"mailto:{conference.OrganizerEmail}") { CommonName = conference.OrganizerName },
            Status = method == "CANCEL" ? "CANCELLED" : "CONFIRMED",
        };
        if (conference.VideoLink is { } video)
        {
            meeting.Url = new Uri(video);
        }

        foreach (var invitee in conference.Invitees.Where(i => i.Email is not null))
        {
            meeting.Attendees.Add(new Attendee($"mailto:{invitee.Email}") { CommonName = invitee.Name, Rsvp = true, ParticipationStatus = "NEEDS-ACTION", Role = "REQ-PARTICIPANT" });
        }

        calendar.Events.Add(meeting);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>The invitation, or the cancellation once the conference is cancelled, to an invitee with an address.</summary>
    public static MimeMessage Email(CareConference conference, ConferenceInvitee invitee, string site)
    {
        ArgumentNullException.ThrowIfNull(invitee.Email);
        var cancelled = conference.Status == ConferenceStatus.Cancelled;
        var method = cancelled ? "CANCEL" : "REQUEST";
        var when = Ontario.ToWallClock(conference.StartsAt);
        var where = string.Join(" · ", new[] { conference.Place, conference.VideoLink }.Where(w => w is not null));
        var message = new MimeMessage { Subject = $"{(cancelled ? "Cancelled / Annulée: " : "")}Care conference / Rencontre de soins: {when:yyyy-MM-dd HH:mm}" };
        message.To.Add(new MailboxAddress(invitee.Name, invitee.Email));
        message.ReplyTo.Add(new MailboxAddress(conference.OrganizerName, conference.OrganizerEmail));
        var text = new TextPart("plain")
        {
            Text = (cancelled ? "CANCELLED / ANNULÉE\n\n" : "") + $"""
                {conference.OrganizerName} invites you to a care conference.
                When: {when:dddd, MMMM d, yyyy, h:mm tt} (Ontario time), {conference.Minutes} minutes
                Where: {where}
                The agenda is in HealthLinks for the care team: {site}/conferences/{conference.Id}

                {conference.OrganizerName} vous invite à une rencontre de soins.
                Quand : {when.ToString("dddd d MMMM yyyy, HH 'h' mm", System.Globalization.CultureInfo.GetCultureInfo("fr-CA"))} (heure de l'Ontario), {conference.Minutes} minutes
                Où : {where}
                """,
        };
        var ics = new MimePart("text", "calendar")
        {
            Content = new MimeContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Calendar(conference, method)))),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = "invite.ics",
        };
        ics.ContentType.Parameters.Add("method", method);
        message.Body = new Multipart("mixed") { text, ics };
        return message;
    }
}
