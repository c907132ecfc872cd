namespace HealthLinks.Domain;

/// <summary>Codes of the rules the domain enforces; each has an English and a French text in Resources.</summary>
public static class Rules
{
    public const string Required = "Required";
    public const string TooLong = "TooLong";
    public const string InvalidEmail = "InvalidEmail";
    public const string InvalidPhone = "InvalidPhone";
    public const string InvalidPostalCode = "InvalidPostalCode";
    public const string HealthCardLength = "HealthCardLength";
    public const string HealthCardDigits = "HealthCardDigits";
    public const string HealthCardCheckDigit = "HealthCardCheckDigit";
    public const string HealthCardVersion = "HealthCardVersion";
    public const string HealthCardDuplicate = "HealthCardDuplicate";
    public const string BirthDateInFuture = "BirthDateInFuture";
    public const string BirthDateTooEarly = "BirthDateTooEarly";
    public const string OneOpenEpisode = "OneOpenEpisode";
    public const string TransitionNotAllowed = "TransitionNotAllowed";
    public const string ClosingReasonRequired = "ClosingReasonRequired";
    public const string DeclineReasonRequired = "DeclineReasonRequired";
    public const string ChangeBeforeLast = "ChangeBeforeLast";
    public const string OneLeadAtATime = "OneLeadAtATime";
    public const string LeadMustBeProvider = "LeadMustBeProvider";
    public const string MemberKindRequired = "MemberKindRequired";
    public const string LeftBeforeJoined = "LeftBeforeJoined";
    public const string AlreadyLeft = "AlreadyLeft";
    public const string EndBeforeStart = "EndBeforeStart";
    public const string RelationshipRequired = "RelationshipRequired";
    public const string NotFound = "NotFound";
    public const string DuplicateName = "DuplicateName";
    public const string ReviewDueInPast = "ReviewDueInPast";
    public const string ActionWithoutOwner = "ActionWithoutOwner";
    public const string UnknownMember = "UnknownMember";
    public const string UnknownCode = "UnknownCode";
    public const string DateBeforePlan = "DateBeforePlan";
    public const string DateInFuture = "DateInFuture";
    public const string DuplicateArea = "DuplicateArea";
    public const string PlanChangedByOthers = "PlanChangedByOthers";
    public const string NotACaregiver = "NotACaregiver";
    public const string EmailNeeded = "EmailNeeded";
    public const string ExpiryNotAfterToday = "ExpiryNotAfterToday";
    public const string ExpiryTooFar = "ExpiryTooFar";
    public const string AlreadyRevoked = "AlreadyRevoked";
    public const string AccessAlreadyActive = "AccessAlreadyActive";
    public const string NothingToReview = "NothingToReview";
    public const string NegativeAmount = "NegativeAmount";
    public const string OutOfRange = "OutOfRange";
    public const string NotEnoughHistory = "NotEnoughHistory";
    public const string AlreadyReviewed = "AlreadyReviewed";
    public const string ConsentRequired = "ConsentRequired";
    public const string ReasonTooShort = "ReasonTooShort";
    public const string AlreadyEnded = "AlreadyEnded";
    public const string NotAllowed = "NotAllowed";
    public const string ConferenceInPast = "ConferenceInPast";
    public const string InvalidLink = "InvalidLink";
    public const string PlaceOrLinkNeeded = "PlaceOrLinkNeeded";
    public const string AlreadyInvited = "AlreadyInvited";
    public const string AlreadyRecorded = "AlreadyRecorded";
    public const string NotYetHeld = "NotYetHeld";
    public const string AlreadyLead = "AlreadyLead";
    public const string NotAProvider = "NotAProvider";
    public const string DateInPast = "DateInPast";
    public const string AlreadyAnswered = "AlreadyAnswered";
    public const string HandOffPending = "HandOffPending";
    public const string NoOpenEpisode = "NoOpenEpisode";
    public const string InviteeEmailNeeded = "InviteeEmailNeeded";
    public const string AlreadyOnTeam = "AlreadyOnTeam";
    public const string LeadIsHandedOff = "LeadIsHandedOff";
    public const string BeforeBirth = "BeforeBirth";

    public static IReadOnlyList<string> All { get; } =
        typeof(Rules).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
}
