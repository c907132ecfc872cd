namespace HealthLinks.Features.CarePlans;

/// <summary>The plan as the patient reads it, laid out as the provincial template's "My ..." sections. Rendered as HTML (print view, export) and as PDF.</summary>
/// <summary>The patient-readable plan; Notice says when a consent directive withheld part of it from this reader.</summary>
public sealed record PlanSheet(string Language, string Title, string Subtitle, IReadOnlyList<PlanSheet.Section> Sections, string? Notice = null)
{
    public sealed record Section(string Heading, IReadOnlyList<Line> Lines);

    /// <summary>One line of a section; Indent 1 puts an action under its goal.</summary>
    public sealed record Line(string? Label, string Text, int Indent = 0);
}
