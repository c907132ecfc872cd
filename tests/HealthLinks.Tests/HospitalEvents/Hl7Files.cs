namespace HealthLinks.Tests.HospitalEvents;

/// <summary>The ADT messages written by others, in shared/data/hl7v2 beside the checkout.</summary>
public static class Hl7Files
{
    public static string Folder { get; } = Find();

    public static IEnumerable<string> All() => Directory.GetFiles(Folder, "*.hl7").Order(StringComparer.Ordinal);

    /// <summary>The file as a sender puts it on the wire: segments ended by CR (the files use LF).</summary>
    public static string AsSent(string file) => File.ReadAllText(Path.Combine(Folder, file)).Replace("\r\n", "\r", StringComparison.Ordinal).Replace('\n', '\r');

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "shared", "data", "hl7v2")))
        {
            dir = dir.Parent;
        }

        return dir is null ? throw new DirectoryNotFoundException("shared/data/hl7v2 beside the checkout") : Path.Combine(dir.FullName, "shared", "data", "hl7v2");
    }
}
