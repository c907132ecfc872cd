using System.Text;

using HealthLinks.Fhir;

namespace HealthLinks.Tests.Import;

public sealed class FhirFileReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hl-fhir-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ABundle_IsReadEntryByEntry_WithTheTypeEvenWhenItComesLast()
    {
        var entries = string.Join(",", Enumerable.Range(1, 300).Select(i => $$$"""{"fullUrl":"urn:uuid:{{{i}}}","resource":{"resourceType":"Patient","id":"p{{{i}}}"}}"""));
        var path = Write("b.json", $$"""{"resourceType":"Bundle","entry":[{{entries}}],"type":"collection"}""");
        var reader = new FhirFileReader();
        var read = reader.Read(path).ToList();
        Assert.Equal(300, read.Count);
        Assert.Equal((300, "urn:uuid:300", "Patient"), (read[^1].Number, read[^1].FullUrl, read[^1].ResourceType));
        Assert.Equal("collection", reader.BundleType);
    }

    [Fact]
    public void AnEntryWithoutAResource_IsReportedWithItsNumber()
    {
        var path = Write("b.json", """{"resourceType":"Bundle","type":"batch","entry":[{"resource":{"resourceType":"Patient","id":"a"}},{"fullUrl":"x"},7]}""");
        var read = new FhirFileReader().Read(path).ToList();
        Assert.Equal([null, "the entry has no resource", "the entry is not a JSON object"], read.Select(e => e.Error));
        Assert.Equal([1, 2, 3], read.Select(e => e.Number));
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("{\"resourceType\": \"Bundle\", \"entry\": [", "not valid JSON")]
    [InlineData("{\"resourceType\": \"Bundle\", \"entry\": [}", "not valid JSON")]
    [InlineData("[1, 2, 3]", "not a JSON object")]
    [InlineData("{\"name\": \"a spreadsheet, perhaps\"}", "has no resourceType")]
    [InlineData("PatientId,Name\n1,Ann", "not valid JSON")]
    public void AFileThatIsNotFhir_IsRefusedWithAClearMessage(string content, string message)
    {
        var path = Write("bad.json", content);
        var e = Assert.Throws<NotFhirException>(() => new FhirFileReader().Read(path).ToList());
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASingleResource_IsOneEntry()
    {
        var path = Write("p.json", """{"resourceType":"Patient","id":"solo","birthDate":"1950-01-01"}""");
        var entry = Assert.Single(new FhirFileReader().Read(path));
        Assert.Equal(("Patient", 1), (entry.ResourceType, entry.Number));
    }

    [Fact]
    public void Ndjson_GivesEachLineItsNumber_AndReportsABadLine()
    {
        var path = Write("p.ndjson", "{\"resourceType\":\"Patient\",\"id\":\"a\"}\n\n{not json\n{\"resourceType\":\"Encounter\",\"id\":\"e\"}\n");
        var read = new FhirFileReader().Read(path).ToList();
        Assert.Equal([1, 3, 4], read.Select(e => e.Number));
        Assert.StartsWith("the line is not valid JSON", read[1].Error, StringComparison.Ordinal);
        Assert.Equal("Encounter", read[2].ResourceType);
    }

    /// <summary>200 MB of entries: the reader's buffer stays the size of one entry, not of the file.</summary>
    [Fact]
    public void A200MegabyteBundle_IsStreamed_NotLoadedWhole()
    {
        var path = Path.Combine(_folder, "big.json");
        var note = new string('x', 2000);
        const int Entries = 100_000;
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            writer.Write("""{"resourceType":"Bundle","type":"collection","entry":[""");
            for (var i = 0; i < Entries; i++)
            {
                writer.Write(i == 0 ? "" : ",");
                writer.Write($$$"""{"resource":{"resourceType":"Observation","id":"o{{{i}}}","status":"final","note":[{"text":"{{{note}}}"}]}}""");
            }

            writer.Write("]}");
        }

        Assert.True(new FileInfo(path).Length > 200_000_000);
        var reader = new FhirFileReader();
        var count = 0;
        foreach (var entry in reader.Read(path))
        {
            count += entry.ResourceType == "Observation" ? 1 : 0;
        }

        Assert.Equal(Entries, count);
        Assert.True(reader.LargestBuffer <= 256 * 1024, $"the buffer grew to {reader.LargestBuffer:N0} bytes");
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
