using HealthLinks.Features.HospitalEvents;
using HealthLinks.Features.HospitalEvents.Hl7;

namespace HealthLinks.Tests.HospitalEvents;

/// <summary>The short fuzz run (bench/ runs a million): every mutated message is read or refused with a reason, never anything else.</summary>
public sealed class Hl7FuzzTests
{
    [Fact]
    public void TenThousandMutatedMessages_AreReadOrRefused_NeverCrash()
    {
        var random = new Random(2026);
        var seeds = Hl7Files.All().Select(f => Hl7Files.AsSent(Path.GetFileName(f))).ToList();
        var (read, refused) = (0, 0);
        var today = new DateOnly(2026, 11, 30);
        for (var i = 0; i < 10_000; i++)
        {
            var text = Hl7Fuzz.Mutate(seeds[random.Next(seeds.Count)], random);
            try
            {
                var message = Hl7Message.Parse(text);
                _ = AdtMessage.Read(message, today);
                _ = Acknowledgement.Build(message.Header, AckCode.AA, "HL1", DateTime.UnixEpoch, null);
                read++;
            }
            catch (Hl7Exception e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Reason));
                refused++;
            }
        }

        Assert.Equal(10_000, read + refused);
        Assert.True(refused > 500 && read > 500, $"{read} read, {refused} refused: the mutations should produce both");
    }
}
