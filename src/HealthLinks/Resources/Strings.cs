namespace HealthLinks.Resources;

/// <summary>Marker for the English (Strings.resx) and French (Strings.fr.resx) texts.</summary>
public sealed class Strings;
