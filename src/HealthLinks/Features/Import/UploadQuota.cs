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
