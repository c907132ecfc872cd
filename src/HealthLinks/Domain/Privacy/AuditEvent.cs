using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HealthLinks.Domain.Privacy;

public enum AuditAction
{
    View,
    Change,
    Print,
    Download,
    Export,
    BreakGlass,
    RecordDirective,
    EndDirective,
}

public enum AuditOutcome
{
    Allowed,
    Refused,
}

/// <summary>Why the user was allowed in (or asked to be): the basis the access rule found.</summary>
public enum AccessBasis
{
    None,
    CareTeam,
    Self,
    Caregiver,
    HealthLinkRole,
    BreakGlass,
    PrivacyOfficer,

    /// <summary>A provider asked to become the patient's lead reads the hand-off (the patient's name and the lead's note) before answering.</summary>
    ProposedLead,
}

public enum AuditSource
{
    Web,
    Cli,
    Api,

    /// <summary>A file import (FHIR today; hospital messages later) that wrote to patients' records.</summary>
    Import,

    /// <summary>A hospital's admission, discharge or transfer message.</summary>
    Messages,
}

/// <summary>
/// One access to personal health information, or one refused attempt. Append-only: each event carries the hash of the one
/// before it, so any event altered, removed or inserted afterwards breaks the chain at a place that can be named.
/// </summary>
public sealed class AuditEvent
{
    private AuditEvent()
    {
        UserId = UserName = Role = What = PreviousHash = Hash = KeyId = "";
    }

    public AuditEvent(long sequence, DateTime at, string userId, string userName, string role, PatientId? patientId, string what,
        AuditAction action, AuditOutcome outcome, AccessBasis purpose, AuditSource source, string previousHash, AuditKey key)
        : this()
    {
        (Sequence, At, UserId, UserName, Role, PatientId, What, Action, Outcome, Purpose, Source, PreviousHash, KeyId) =
            (sequence, Truncate(at), userId, userName, role, patientId, what, action, outcome, purpose, source, previousHash, key.Id);
        Hash = ComputeHash(key);
    }

    /// <summary>Stands for "already audited" where no event of its own was written; never stored.</summary>
    public static AuditEvent Placeholder { get; } = new();

    /// <summary>The hash the first event is chained to.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Position in the chain, from 1, with no gaps.</summary>
    public long Sequence { get; private set; }

    public DateTime At { get; private set; }

    public string UserId { get; private set; }

    public string UserName { get; private set; }

    public string Role { get; private set; }

    public PatientId? PatientId { get; private set; }

    /// <summary>The record or section: "Overview", "Plan", "Plan PDF", …</summary>
    public string What { get; private set; }

    public AuditAction Action { get; private set; }

    public AuditOutcome Outcome { get; private set; }

    /// <summary>The purpose the access served, as the basis it was allowed on.</summary>
    public AccessBasis Purpose { get; private set; }

    public AuditSource Source { get; private set; }

    public string PreviousHash { get; private set; }

    public string Hash { get; private set; }

    /// <summary>Which key sealed the event (a fingerprint, never the key); empty for events written before the chain was keyed.</summary>
    public string KeyId { get; private set; }

    /// <summary>
    /// HMAC-SHA-256, under a key kept outside the database, of every field and the previous hash, in a fixed text form both
    /// databases give back unchanged: without the key, nobody can recompute a chain that verifies. Events from before the
    /// key (KeyId empty) were plain SHA-256.
    /// </summary>
    public string ComputeHash(AuditKey key)
    {
        var text = string.Join('\u001f',
            Sequence.ToString(CultureInfo.InvariantCulture),
            At.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            UserId, UserName, Role, PatientId?.ToString() ?? "", What, Action, Outcome, Purpose, Source, PreviousHash);
        var bytes = Encoding.UTF8.GetBytes(text);
        return Convert.ToHexStringLower(KeyId.Length == 0 ? SHA256.HashData(bytes) : HMACSHA256.HashData(key.Secret, bytes));
    }

    // PostgreSQL keeps microseconds; dropping the last tick digit makes the stored time hash as it was written.
    private static DateTime Truncate(DateTime at) => new(at.Ticks - (at.Ticks % 10), DateTimeKind.Utc);
}
