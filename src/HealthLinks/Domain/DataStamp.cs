namespace HealthLinks.Domain;

/// <summary>
/// A token that changes whenever a kind of data changes, so a copy held in memory (the screening population) knows
/// whether it is still current by reading one row. A new random token per change, so two writers never make the same one.
/// </summary>
public sealed class DataStamp(string name, Guid token)
{
    /// <summary>Patients, their encounters, conditions, costs and source identifiers: what screening reads.</summary>
    public const string Population = "population";

    public string Name { get; private set; } = name;

    public Guid Token { get; private set; } = token;

    public void Renew() => Token = Guid.NewGuid();
}
