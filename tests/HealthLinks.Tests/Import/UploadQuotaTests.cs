using HealthLinks.Features.Import;

namespace HealthLinks.Tests.Import;

public sealed class UploadQuotaTests
{
    private const long GB = 1L << 30;

    [Fact]
    public void FilesWithinEveryLimit_AreAccepted() =>
        Assert.Equal(UploadQuota.Problem.None, UploadQuota.Check([("a.json", GB / 2), ("b.ndjson", GB)], UploadQuota.DefaultMaxTotalBytes, 10 * GB).Problem);

    [Fact]
    public void EachLimit_IsNamed_WithTheFileThatBreaksIt()
    {
        Assert.Equal(UploadQuota.Problem.TooManyFiles, UploadQuota.Check(Enumerable.Repeat(("x.json", 1L), 101).ToList(), UploadQuota.DefaultMaxTotalBytes, 10 * GB).Problem);
        Assert.Equal((UploadQuota.Problem.FileTooLarge, "big.json"), UploadQuota.Check([("a.json", 1L), ("big.json", GB + 1)], UploadQuota.DefaultMaxTotalBytes, 10 * GB));
        Assert.Equal(UploadQuota.Problem.TotalTooLarge, UploadQuota.Check([("a.json", GB), ("b.json", GB), ("c.json", 1)], UploadQuota.DefaultMaxTotalBytes, 10 * GB).Problem);
        Assert.Equal(UploadQuota.Problem.DiskFull, UploadQuota.Check([("a.json", GB / 2)], UploadQuota.DefaultMaxTotalBytes, GB + (GB / 4)).Problem);
    }
}
