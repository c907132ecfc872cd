namespace HealthLinks.Features.Import;

/// <summary>
/// What one upload on the import page may be: at most 100 files, none over 1 GB, 2 GB in all (Import:MaxUploadBytes),
/// and never so much that the server's temp disk would keep less than 1 GB free. One import runs at a time.
/// </summary>
public static class UploadQuota
{
    public const int MaxFiles = 100;
    public const long MaxFileBytes = 1L << 30;
    public const long DefaultMaxTotalBytes = 2L << 30;
    public const long KeepFreeBytes = 1L << 30;

    /// <summary>Held while an upload is written and imported, so two large imports never share the disk and the database.</summary>
    public static SemaphoreSlim OneAtATime { get; } = new(1, 1);

    private const string Prefix = "healthlinks-upload-";

    /// <summary>Uploads wait in temporary folders named with the process's id, so a later start can tell which were left behind.</summary>
    public static string FolderPrefix { get; } = $"{Prefix}{Environment.ProcessId}-";

    /// <summary>Removes uploads (patient data) left behind by a process that is no longer running (killed, say); returns how many.</summary>
    public static int RemoveLeftovers()
    {
        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            var owner = Path.GetFileName(folder)[Prefix.Length..].Split('-')[0];
            if (int.TryParse(owner, out var pid) && IsRunning(pid))
            {
                continue;
            }

            try
            {
                Directory.Delete(folder, recursive: true);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another running host's upload in progress, or not ours to remove: left alone.
            }
        }

        return removed;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public enum Problem
    {
        None,
        TooManyFiles,
        FileTooLarge,
        TotalTooLarge,
        DiskFull,
    }

    /// <summary>The first limit the files break, and the file that breaks it (when one does).</summary>
    public static (Problem Problem, string? File) Check(IReadOnlyList<(string Name, long Size)> files, long maxTotalBytes, long freeBytes)
    {
        if (files.Count > MaxFiles)
        {
            return (Problem.TooManyFiles, null);
        }

        if (files.FirstOrDefault(f => f.Size > MaxFileBytes) is { Name: not null } large)
        {
            return (Problem.FileTooLarge, large.Name);
        }

        var total = files.Sum(f => f.Size);
        return total > maxTotalBytes ? (Problem.TotalTooLarge, null)
            : freeBytes - total < KeepFreeBytes ? (Problem.DiskFull, null)
            : (Problem.None, null);
    }

    public static long FreeTempBytes() => new DriveInfo(Path.GetTempPath()).AvailableFreeSpace;
}
