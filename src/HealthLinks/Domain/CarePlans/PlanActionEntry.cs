namespace HealthLinks.Domain;

/// <summary>
/// One action of a plan, copied out of the plan's document in the same transaction as each save (docs/adr/0005), so
/// My work, reminders and reports can query actions across plans. The plan stays the truth; this is rebuilt from it.
/// </summary>
public sealed class PlanActionEntry
{
    private PlanActionEntry()
    {
        What = Goal = "";
    }

    public Guid CarePlanId { get; private set; }

    public Guid ActionId { get; private set; }

    public PatientId PatientId { get; private set; }

    public Guid GoalId { get; private set; }

    public string Goal { get; private set; }

    public string What { get; private set; }

    public Guid? ResponsibleMemberId { get; private set; }

    public bool PatientIsResponsible { get; private set; }

    public DateOnly? TargetDate { get; private set; }

    public ActionStatus Status { get; private set; }

    public bool IsOpen { get; private set; }

    public string? ReferralService { get; private set; }

    public ServiceReferralStatus? ReferralStatus { get; private set; }

    /// <summary>The directive category the action falls in (its own, its goal's, or its goal's health issue's), so lists can withhold it.</summary>
    public Privacy.WithheldParts WithheldAs { get; private set; }

    /// <summary>A hash of the action as saved (notes included), to tell whether a save changed it.</summary>
    public string Fingerprint { get; private set; } = "";

    /// <summary>The last save that changed this action (anything about it): the referral reminder counts from here.</summary>
    public DateTime UpdatedAt { get; private set; }

    /// <summary>When the action was first saved as done (kept while it stays done): "done by its target date" counts from here.</summary>
    public DateTime? DoneAt { get; private set; }

    /// <summary>The entries for a plan as its document now stands, keeping each unchanged action's last update time.</summary>
    public static IReadOnlyList<PlanActionEntry> For(CarePlan plan, IReadOnlyDictionary<Guid, PlanActionEntry> before)
    {
        var entries = new List<PlanActionEntry>();
        foreach (var goal in plan.Document.Goals)
        {
            foreach (var action in goal.Actions)
            {
                var entry = new PlanActionEntry
                {
                    CarePlanId = plan.Id,
                    ActionId = action.Id,
                    PatientId = plan.PatientId,
                    GoalId = goal.Id,
                    Goal = Clip(goal.InMyWords, 500),
                    What = Clip(action.What, 500),
                    ResponsibleMemberId = action.ResponsibleMemberId,
                    PatientIsResponsible = action.PatientIsResponsible,
                    TargetDate = action.TargetDate,
                    Status = action.Status,
                    IsOpen = action.IsOpen,
                    ReferralService = action.Referral is null ? null : Clip(action.Referral.Service, 200),
                    ReferralStatus = action.Referral?.Status,
                    WithheldAs = Privacy.SensitiveCategories.Of(plan.Document, goal, action),
                    Fingerprint = FingerprintOf(goal.Id, action),
                    UpdatedAt = plan.UpdatedAt,
                };
                before.TryGetValue(action.Id, out var old);
                if (old is not null && old.Fingerprint == entry.Fingerprint)
                {
                    entry.UpdatedAt = old.UpdatedAt;
                }

                entry.DoneAt = action.Status != ActionStatus.Done ? null : old?.DoneAt ?? plan.UpdatedAt;

                entries.Add(entry);
            }
        }

        return entries;
    }

    /// <summary>Copies another entry's values onto this tracked one (the key stays).</summary>
    public void CopyFrom(PlanActionEntry other) =>
        (GoalId, Goal, What, ResponsibleMemberId, PatientIsResponsible, TargetDate, Status, IsOpen, ReferralService, ReferralStatus, WithheldAs, Fingerprint, UpdatedAt, DoneAt) =
        (other.GoalId, other.Goal, other.What, other.ResponsibleMemberId, other.PatientIsResponsible, other.TargetDate, other.Status, other.IsOpen, other.ReferralService, other.ReferralStatus, other.WithheldAs, other.Fingerprint, other.UpdatedAt, other.DoneAt);

    private static string FingerprintOf(Guid goalId, PlanAction action) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(goalId + System.Text.Json.JsonSerializer.Serialize(action, CarePlan.Json))));

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
