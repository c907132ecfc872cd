namespace HealthLinks.Domain;

/// <summary>
/// A hospital that sends admission, discharge and transfer messages: its facility as MSH-4 names it, the organization
/// in the directory it is, the Health Link whose patients it registers, and the addresses it may send from.
/// </summary>
public sealed class MessageSender
{
    private MessageSender()
    {
        FacilityCode = AllowedAddresses = AddedBy = "";
    }

    public MessageSender(string facilityCode, Guid organizationId, Guid healthLinkId, string allowedAddresses, bool confirmed, string addedBy, DateTime addedAt)
    {
        var v = new Violations();
        FacilityCode = v.Text(nameof(FacilityCode), facilityCode, 200, required: true) ?? "";
        v.ThrowIfAny();
        (OrganizationId, HealthLinkId, Confirmed, AddedBy, AddedAt) = (organizationId, healthLinkId, confirmed, addedBy, addedAt);
        AllowedAddresses = "";
        Allow(allowedAddresses);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    /// <summary>MSH-4's first component (the facility's namespace id), compared without case.</summary>
    public string FacilityCode { get; private set; }

    public Guid OrganizationId { get; private set; }

    public Guid HealthLinkId { get; private set; }

    /// <summary>IP addresses it may send from, separated by commas; empty allows any.</summary>
    public string AllowedAddresses { get; private set; }

    /// <summary>False when added by a message from a facility not configured: an administrator confirms it.</summary>
    public bool Confirmed { get; private set; }

    public string AddedBy { get; private set; }

    public DateTime AddedAt { get; private set; }

    public static string Key(string facility) => facility.Trim().ToUpperInvariant();

    public void Allow(string allowedAddresses)
    {
        var addresses = allowedAddresses.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (addresses.FirstOrDefault(a => !System.Net.IPAddress.TryParse(a, out _)) is { } bad)
        {
            throw new DomainRuleException(nameof(AllowedAddresses), Rules.InvalidAddress, $"'{bad}' is not an IP address");
        }

        AllowedAddresses = string.Join(", ", addresses);
    }

    public void Confirm(Guid organizationId, Guid healthLinkId, string allowedAddresses)
    {
        Allow(allowedAddresses);
        (OrganizationId, HealthLinkId, Confirmed) = (organizationId, healthLinkId, true);
    }

    public bool Allows(string? address) =>
        AllowedAddresses.Length == 0 || (address is not null && AllowedAddresses.Split(", ").Any(a => System.Net.IPAddress.Parse(a).Equals(Normalized(address))));

    private static System.Net.IPAddress? Normalized(string address) =>
        System.Net.IPAddress.TryParse(address, out var ip) ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip) : null;
}

/// <summary>
/// A message as received, kept with the reply it got: the journal that makes a resend change nothing (same sender and
/// control id, same text: the same reply), and the log administrators review. Its text is personal health information.
/// </summary>
public sealed class HospitalMessage
{
    private HospitalMessage()
    {
        Text = ContentHash = Ack = AckText = "";
    }

    public HospitalMessage(DateTime receivedAt, string? remoteAddress, string text, string contentHash)
    {
        (ReceivedAt, RemoteAddress, Text, ContentHash) = (receivedAt, remoteAddress, text, contentHash);
        Ack = AckText = "";
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public DateTime ReceivedAt { get; private set; }

    public string? RemoteAddress { get; private set; }

    /// <summary>MSH-3 and MSH-4 as sent ("application|facility"); null when the header could not be read.</summary>
    public string? Sender { get; set; }

    public Guid? SenderId { get; set; }

    /// <summary>MSH-10.</summary>
    public string? ControlId { get; set; }

    /// <summary>The trigger event, A01...</summary>
    public string? Event { get; set; }

    public string Text { get; private set; }

    /// <summary>SHA-256 of the text, to tell a resend from another message that reuses a control id.</summary>
    public string ContentHash { get; private set; }

    /// <summary>AA, AE or AR.</summary>
    public string Ack { get; private set; }

    public string AckText { get; private set; }

    /// <summary>Where and why it was refused, for the administrator; null when applied.</summary>
    public string? Error { get; private set; }

    /// <summary>What it did, in a few words ("encounter opened", "no effect here").</summary>
    public string? Outcome { get; set; }

    public PatientId? PatientId { get; set; }

    /// <summary>How many times it was sent again after the first.</summary>
    public int Resent { get; private set; }

    /// <summary>Set once the audit, re-screening and notices that follow an applied message are done.</summary>
    public bool FollowedUp { get; private set; }

    /// <summary>When the follow-up finished: the patient was on the worklist by then, if eligible.</summary>
    public DateTime? FollowedUpAt { get; private set; }

    public void MarkFollowedUp(DateTime at) => (FollowedUp, FollowedUpAt) = (true, at);

    public void Answer(string ack, string ackText, string? error)
    {
        (Ack, AckText, Error) = (ack, ackText, error);
        FollowedUp = ack != "AA";
    }

    public void CountResend() => Resent++;

    /// <summary>The control id of our reply: from this message's id, so a resend gets the very same reply.</summary>
    public string AckControlId => "HL" + Id.ToString("N")[..18];
}
