using System.Text;
using System.Text.Json;

namespace HealthLinks.Fhir;

/// <summary>One entry of a FHIR file: a bundle entry, an NDJSON line, or the file's single resource. Number counts from 1.</summary>
public sealed record FhirEntry(int Number, string? FullUrl, JsonElement? Resource, string? Error)
{
    public string? ResourceType => Resource is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("resourceType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
}

/// <summary>Refused whole: not JSON, not FHIR, or empty. The message says where.</summary>
public sealed class NotFhirException(string message) : Exception(message);

/// <summary>
/// Reads a FHIR JSON file (a Bundle, or one resource) or an NDJSON file entry by entry, without loading it whole: a
/// bundle is walked with a streaming JSON reader, and only one entry at a time is held, so a 200 MB file costs little memory.
/// </summary>
public sealed class FhirFileReader
{
    private const int StartBuffer = 64 * 1024;

    /// <summary>The bundle's type (transaction, batch, collection...), known once every entry has been read; null for NDJSON or a single resource.</summary>
    public string? BundleType { get; private set; }

    /// <summary>The largest read buffer used: it grows only to hold the largest single entry, never the whole file.</summary>
    public int LargestBuffer { get; private set; }

    public IEnumerable<FhirEntry> Read(string path) =>
        path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) ? ReadNdjson(path) : ReadJson(path);

    private static IEnumerable<FhirEntry> ReadNdjson(string path)
    {
        using var file = new StreamReader(path, Encoding.UTF8);
        var number = 0;
        var any = false;
        while (file.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            any = true;
            yield return Parse(number, line);
        }

        if (!any)
        {
            throw new NotFhirException("the file is empty");
        }
    }

    private static FhirEntry Parse(int number, string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? new FhirEntry(number, null, document.RootElement.Clone(), null)
                : new FhirEntry(number, null, null, "the line is not a JSON object");
        }
        catch (JsonException e)
        {
            return new FhirEntry(number, null, null, $"the line is not valid JSON ({e.Message})");
        }
    }

    private IEnumerable<FhirEntry> ReadJson(string path)
    {
        using var stream = File.OpenRead(path);
        if (stream.Length == 0)
        {
            throw new NotFhirException("the file is empty");
        }

        var buffer = new byte[StartBuffer];
        var length = 0;
        var final = false;
        var state = new JsonReaderState(new JsonReaderOptions { MaxDepth = 256 });
        var walk = new Walk();
        LargestBuffer = buffer.Length;
        while (true)
        {
            while (!final && length < buffer.Length)
            {
                var read = stream.Read(buffer, length, buffer.Length - length);
                final = read == 0;
                length += read;
            }

            var entries = new List<FhirEntry>();
            int consumed;
            try
            {
                consumed = walk.Step(buffer.AsSpan(0, length), final, ref state, entries);
            }
            catch (JsonException e)
            {
                throw new NotFhirException($"the file is not valid JSON: {e.Message}");
            }

            foreach (var entry in entries)
            {
                yield return entry;
            }

            if (walk.Done)
            {
                break;
            }

            if (final)
            {
                throw new NotFhirException("the file ends in the middle of its JSON");
            }

            // Keep what was not used yet; grow only when one entry does not fit.
            Buffer.BlockCopy(buffer, consumed, buffer, 0, length - consumed);
            length -= consumed;
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
                LargestBuffer = buffer.Length;
            }
        }

        if (walk.ResourceType is null)
        {
            throw new NotFhirException("the file is JSON but not FHIR: it has no resourceType");
        }

        BundleType = walk.BundleType;
        if (walk.ResourceType != "Bundle")
        {
            // A single resource: small by nature, read again whole.
            stream.Position = 0;
            using var document = JsonDocument.Parse(stream);
            yield return new FhirEntry(1, null, document.RootElement.Clone(), null);
        }
    }

    /// <summary>The walk through a bundle's top level, able to stop wherever the data ends and go on when more arrives.</summary>
    private sealed class Walk
    {
        private enum Place
        {
            Start,
            Root,
            Entries,
            End,
        }

        private Place _place;
        private int _number;

        public string? ResourceType { get; private set; }

        public string? BundleType { get; private set; }

        public bool Done => _place == Place.End;

        /// <summary>Reads what it can; returns how many bytes it has finished with. The state is where to go on from.</summary>
        public int Step(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state, List<FhirEntry> entries)
        {
            var reader = new Utf8JsonReader(data, final, state);
            while (true)
            {
                var (checkpoint, checkpointState) = ((int)reader.BytesConsumed, reader.CurrentState);
                if (!reader.Read())
                {
                    state = checkpointState;
                    return checkpoint;
                }

                if (!Take(ref reader, data, entries))
                {
                    // The value in hand is not all here yet: go back to before it.
                    state = checkpointState;
                    return checkpoint;
                }

                if (Done)
                {
                    state = reader.CurrentState;
                    return (int)reader.BytesConsumed;
                }
            }
        }

        private bool Take(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, List<FhirEntry> entries)
        {
            switch (_place)
            {
                case Place.Start:
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw new NotFhirException("the file is JSON but not FHIR: it is not a JSON object");
                    }

                    _place = Place.Root;
                    return true;
                case Place.Root when reader.TokenType == JsonTokenType.EndObject:
                    _place = Place.End;
                    return true;
                case Place.Root:
                    var name = reader.GetString();
                    if (!reader.Read())
                    {
                        return false;
                    }

                    if (name == "resourceType" && reader.TokenType == JsonTokenType.String)
                    {
                        ResourceType = reader.GetString();
                    }
                    else if (name == "type" && reader.TokenType == JsonTokenType.String)
                    {
                        BundleType = reader.GetString();
                    }
                    else if (name == "entry" && reader.TokenType == JsonTokenType.StartArray)
                    {
                        _place = Place.Entries;
                    }
                    else
                    {
                        return reader.TrySkip();
                    }

                    return true;
                case Place.Entries when reader.TokenType == JsonTokenType.EndArray:
                    _place = Place.Root;
                    return true;
                default:
                    var start = (int)reader.TokenStartIndex;
                    if (!reader.TrySkip())
                    {
                        return false;
                    }

                    entries.Add(Entry(++_number, data[start..(int)reader.BytesConsumed]));
                    return true;
            }
        }

        private static FhirEntry Entry(int number, ReadOnlySpan<byte> json)
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new FhirEntry(number, null, null, "the entry is not a JSON object");
            }

            var fullUrl = root.TryGetProperty("fullUrl", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null;
            return root.TryGetProperty("resource", out var resource) && resource.ValueKind == JsonValueKind.Object
                ? new FhirEntry(number, fullUrl, resource.Clone(), null)
                : new FhirEntry(number, fullUrl, null, "the entry has no resource");
        }
    }
}
