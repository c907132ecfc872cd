namespace HealthLinks.Domain;

/// <summary>One broken rule: which input (Field), a stable Code the UI translates, and an English message.</summary>
public sealed record RuleViolation(string Field, string Code, string Message);

/// <summary>Thrown when a command would put an entity in an invalid state; nothing has been changed.</summary>
public sealed class DomainRuleException : Exception
{
    public DomainRuleException(IReadOnlyList<RuleViolation> violations)
        : base(string.Join("; ", violations.Select(v => $"{v.Field}: {v.Message}")))
    {
        Violations = violations;
    }

    public DomainRuleException(string field, string code, string message)
        : this([new RuleViolation(field, code, message)])
    {
    }

    public IReadOnlyList<RuleViolation> Violations { get; }
}

/// <summary>Collects every violation of a command so a form can show them all at once.</summary>
public sealed class Violations
{
    private readonly List<RuleViolation> _items = [];

    public bool Any => _items.Count > 0;

    public IReadOnlyList<RuleViolation> Items => _items;

    public void Add(string field, string code, string message) => _items.Add(new RuleViolation(field, code, message));

    public string? Text(string field, string? value, int maxLength, bool required)
    {
        var trimmed = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (trimmed is null && required)
        {
            Add(field, Rules.Required, "is required");
        }
        else if (trimmed is not null && trimmed.Length > maxLength)
        {
            Add(field, Rules.TooLong, $"must be at most {maxLength} characters");
        }

        return trimmed;
    }

    public string? Email(string field, string? value)
    {
        var email = Text(field, value, 254, required: false);
        if (email is not null && !ContactFormats.IsEmail(email))
        {
            Add(field, Rules.InvalidEmail, "is not a valid email address");
        }

        return email;
    }

    public string? Phone(string field, string? value)
    {
        var phone = Text(field, value, 30, required: false);
        if (phone is not null && !ContactFormats.IsPhone(phone))
        {
            Add(field, Rules.InvalidPhone, "is not a valid phone number (10 digits, optional extension)");
        }

        return phone;
    }

    public void ThrowIfAny()
    {
        if (Any)
        {
            throw new DomainRuleException([.. _items]);
        }
    }
}
