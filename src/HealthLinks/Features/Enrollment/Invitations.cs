using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Infrastructure.Localization;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Enrollment;

/// <summary>
/// Inviting a patient to coordinated care: each attempt is recorded; the first moves the episode to "invited"; the
/// outcome moves it on (declined with a reason, unreachable, or enrolled with express consent, which starts the care
/// team with the coordinator as lead). Every step lands in the enrollment history.
/// </summary>
public static class Invitations
{
    /// <summary>Settable so the page binds to it.</summary>
    public sealed class Attempt
    {
        public PatientId PatientId { get; set; }

        public DateOnly On { get; set; }

        public InvitationMethod Method { get; set; } = InvitationMethod.Phone;

        public InvitationOutcome Outcome { get; set; } = InvitationOutcome.NoAnswer;

        public string? Note { get; set; }

        public AgreementGivenBy? ConsentGivenBy { get; set; }

        public AgreementMethod? ConsentHow { get; set; }

        /// <summary>The coordinator who becomes lead on enrollment.</summary>
        public ProviderId? Coordinator { get; set; }

        public string By { get; set; } = "";
    }

    public sealed record Row(DateOnly On, InvitationMethod Method, InvitationOutcome Outcome, string? Note, AgreementGivenBy? ConsentGivenBy, AgreementMethod? ConsentHow, string By);

    public sealed record View(string PatientName, EnrollmentStatus? Status, IReadOnlyList<Row> Attempts);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, Privacy.PatientAccess access, ProviderInformationSheets.Handler sheets, TimeProvider clock)
    {
        public async Task<View?> Get(Infrastructure.Privacy.Viewer viewer, PatientId patientId, CancellationToken ct = default)
        {
            if (!(await access.Open(viewer, patientId, "Invitation", needs: Domain.Privacy.AccessScope.Registration, ct: ct)).Allowed)
            {
                return null;
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var patient = await db.Patients.AsNoTracking().Include(p => p.Enrollments).SingleOrDefaultAsync(p => p.Id == patientId, ct);
            if (patient is null)
            {
                return null;
            }

            var episode = patient.OpenEnrollment ?? patient.Enrollments.OrderByDescending(e => e.IdentifiedAt).FirstOrDefault();
            var attempts = episode is null ? [] : await db.InvitationAttempts.AsNoTracking().Where(a => a.EnrollmentId == episode.Id).OrderBy(a => a.On)
                .Select(a => new Row(a.On, a.Method, a.Outcome, a.Note, a.ConsentGivenBy, a.ConsentHow, a.By)).ToListAsync(ct);
            return new View(patient.DisplayName, episode?.Status, attempts);
        }

        /// <summary>Records an attempt made by this viewer (the Health Link's staff or the patient's team); the change is audited.</summary>
        public async Task<Result<EnrollmentStatus>> Record(Infrastructure.Privacy.Viewer viewer, Attempt command, CancellationToken ct = default)
        {
            if (!(await access.Open(viewer, command.PatientId, "Invitation", Domain.Privacy.AuditAction.Change, Domain.Privacy.AccessScope.Registration, ct)).Allowed)
            {
                return Result<EnrollmentStatus>.Failed("PatientId", Rules.NotAllowed, "only the patient's Health Link or care team invites them");
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var patient = await db.Patients.Include(p => p.Enrollments).ThenInclude(e => e.History).Include(p => p.CareTeam).AsSplitQuery()
                .SingleOrDefaultAsync(p => p.Id == command.PatientId, ct);
            if (patient is null)
            {
                return Result<EnrollmentStatus>.Failed("PatientId", Rules.NotFound, "no such patient");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            // A coordinator who invites a patient no screening or referral has put forward (a call from a family doctor,
            // someone met on a ward) identifies them by doing so: a referral, made in person.
            var episode = patient.OpenEnrollment ?? patient.Identify(patient.HealthLinkId, IdentificationSource.Referral, command.By, now, EpisodeReasons.Write("EpisodeReason_InvitedDirectly"));
            var today = Ontario.Today(clock);
            try
            {
                var attempt = new InvitationAttempt(episode, command.On, command.Method, command.Outcome, command.Note, command.ConsentGivenBy, command.ConsentHow, command.By, today);
                if (episode.Status != EnrollmentStatus.Invited)
                {
                    episode.MoveTo(EnrollmentStatus.Invited, command.By, now, EpisodeReasons.Write("EpisodeReason_Invited", command.Method, command.On));
                }

                switch (command.Outcome)
                {
                    case InvitationOutcome.Accepted:
                        await Enroll(db, patient, episode, command, now, today, ct);
                        break;
                    case InvitationOutcome.Declined:
                        episode.MoveTo(EnrollmentStatus.Declined, command.By, now, command.Note);
                        break;
                    case InvitationOutcome.Unreachable:
                        episode.MoveTo(EnrollmentStatus.Unreachable, command.By, now, command.Note ?? EpisodeReasons.Write("EpisodeReason_Unreachable"));
                        break;
                }

                db.InvitationAttempts.Add(attempt);
                await db.SaveChangesAsync(ct);
                if (episode.Status == EnrollmentStatus.Enrolled)
                {
                    await sheets.Send(patient.Id, ct);
                }

                return episode.Status;
            }
            catch (DomainRuleException e)
            {
                return Result<EnrollmentStatus>.Failed(e.Violations);
            }
        }

        private static async Task Enroll(HealthLinksDb db, Patient patient, Domain.Enrollment episode, Attempt command, DateTime now, DateOnly today, CancellationToken ct)
        {
            if (command.Coordinator is not { } coordinator || !await db.Providers.AnyAsync(p => p.Id == coordinator && p.Profession == Profession.CareCoordinator, ct))
            {
                throw new DomainRuleException(nameof(Attempt.Coordinator), Rules.NotFound, "choose the care coordinator who will lead");
            }

            episode.MoveTo(EnrollmentStatus.Enrolled, command.By, now, EpisodeReasons.Write("EpisodeReason_Consent", command.ConsentGivenBy!, command.ConsentHow!, command.On));
            if (patient.LeadOn(today) is null)
            {
                patient.AddProviderToTeam(coordinator, "Lead care coordinator", today, isLead: true);
            }
        }
    }
}
