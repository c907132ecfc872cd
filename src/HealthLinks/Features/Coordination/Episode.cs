using HealthLinks.Data;
using HealthLinks.Domain;
using HealthLinks.Domain.Privacy;
using HealthLinks.Features.Privacy;
using HealthLinks.Infrastructure.Privacy;

using Microsoft.EntityFrameworkCore;

namespace HealthLinks.Features.Coordination;

/// <summary>Ongoing management of the episode: step down (plan kept, fewer contacts), re-activate, or close it with a reason.</summary>
public static class Episode
{
    public enum Step
    {
        StepDown,
        Reactivate,
        Close,
    }

    public sealed class Command
    {
        public Step Step { get; set; }

        public ClosingReason? ClosingReason { get; set; }

        public string? Note { get; set; }
    }

    /// <summary>Where each step takes the episode; which steps it may take is <see cref="Domain.Enrollment"/>'s own table.</summary>
    public static EnrollmentStatus To(Step step) => step switch
    {
        Step.StepDown => EnrollmentStatus.SteppedDown,
        Step.Reactivate => EnrollmentStatus.Active,
        _ => EnrollmentStatus.Closed,
    };

    /// <summary>The steps an episode in this status may take.</summary>
    public static IReadOnlyList<Step> Steps(EnrollmentStatus from) => [.. Enum.GetValues<Step>().Where(s => Domain.Enrollment.CanMove(from, To(s)))];

    public sealed record State(EnrollmentStatus? Status, IReadOnlyList<Step> Allowed, ContactCadence? Cadence);

    public sealed class Handler(IDbContextFactory<HealthLinksDb> dbs, PatientAccess access, TimeProvider clock)
    {
        /// <summary>The episode and the steps it may take; none when this viewer may not see the patient's record.</summary>
        public async Task<State> Current(Viewer viewer, PatientId patient, CancellationToken ct = default)
        {
            if (!(await access.Open(viewer, patient, "Lead and episode", ct: ct)).Allowed)
            {
                return new State(null, [], null);
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var record = await db.Patients.AsNoTracking().Include(p => p.Enrollments).SingleOrDefaultAsync(p => p.Id == patient, ct);
            var status = record?.OpenEnrollment?.Status;
            return new State(status, status is { } from ? Steps(from) : [], record?.ContactCadence);
        }

        public async Task<Result<EnrollmentStatus>> Change(Viewer viewer, PatientId patient, Command command, CancellationToken ct = default)
        {
            if (!(await access.Open(viewer, patient, "Episode", AuditAction.Change, AccessScope.Record, ct)).Allowed)
            {
                return Result<EnrollmentStatus>.Failed("Patient", Rules.NotAllowed, "only the patient's care team changes the episode");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            await using var db = await dbs.CreateDbContextAsync(ct);
            var record = await db.Patients.Include(p => p.Enrollments).ThenInclude(e => e.History).SingleAsync(p => p.Id == patient, ct);
            if (record.OpenEnrollment is not { } episode)
            {
                return Result<EnrollmentStatus>.Failed("Step", Rules.NoOpenEpisode, "the patient has no open episode");
            }

            var note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim();
            try
            {
                switch (command.Step)
                {
                    case Step.StepDown:
                        episode.MoveTo(To(Step.StepDown), viewer.UserName, now, note);
                        record.SetContactCadence(ContactCadences.SteppedDown(record.ContactCadence));
                        break;
                    case Step.Reactivate:
                        episode.MoveTo(To(Step.Reactivate), viewer.UserName, now, note);
                        record.SetContactCadence(null);
                        break;
                    case Step.Close when command.ClosingReason is { } reason:
                        episode.Close(reason, viewer.UserName, now, note);
                        break;
                    default:
                        return Result<EnrollmentStatus>.Failed(nameof(Command.ClosingReason), Rules.ClosingReasonRequired, "closing an episode needs a reason");
                }

                await db.SaveChangesAsync(ct);
                return episode.Status;
            }
            catch (DomainRuleException e)
            {
                return Result<EnrollmentStatus>.Failed(e.Violations);
            }
        }
    }
}
