using System.Diagnostics;

using HealthLinks.Features.Import;

namespace HealthLinks.Tests.Import;

public sealed class UploadLeftoverTests
{
    [Fact]
    public void AnUploadLeftByAProcessThatIsGone_IsRemovedAtStart_AndOneStillInUseIsKept()
    {
        using var gone = Process.Start(new ProcessStartInfo("true"))!;
        gone.WaitForExit();
        var left = Directory.CreateTempSubdirectory($"healthlinks-upload-{gone.Id}-");
        File.WriteAllText(Path.Combine(left.FullName, "bundle.json"), "{\"resourceType\":\"Patient\"}");
        var ours = Directory.CreateTempSubdirectory(UploadQuota.FolderPrefix);
        try
        {
            Assert.True(UploadQuota.RemoveLeftovers() >= 1);
            Assert.False(Directory.Exists(left.FullName));
            Assert.True(Directory.Exists(ours.FullName));
        }
        finally
        {
            ours.Delete(recursive: true);
        }
    }
}
