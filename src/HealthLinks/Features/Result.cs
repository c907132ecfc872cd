using HealthLinks.Domain;

namespace HealthLinks.Features;

/// <summary>What a command returns: the value, or every rule it broke (each naming its field). Nothing is stored on failure.</summary>
public sealed record Result<T>
{
    private Result(T? value, IReadOnlyList<RuleViolation> violations) => (Value, Violations) = (value, violations);

    public T? Value { get; }

    public IReadOnlyList<RuleViolation> Violations { get; }

    public bool Succeeded => Violations.Count == 0;

    public static Result<T> Ok(T value) => new(value, []);

    public static Result<T> Failed(IReadOnlyList<RuleViolation> violations) => new(default, violations);

    public static Result<T> Failed(string field, string code, string message) => new(default, [new RuleViolation(field, code, message)]);

    public static implicit operator Result<T>(T value) => Ok(value);
}
