using System.Buffers;
using System.Text;

namespace HealthLinks.Features.HospitalEvents.Hl7;

/// <summary>MLLP framing: 0x0B, the message, 0x1C 0x0D. Text is UTF-8.</summary>
public static class Mllp
{
    public const byte Start = 0x0B;
    public const byte End = 0x1C;
    public const byte Return = 0x0D;

    /// <summary>A frame larger than this is answered with an error and not kept whole.</summary>
    public const int MaxMessageBytes = 1 << 20;

    public static byte[] Frame(string message)
    {
        var body = Encoding.UTF8.GetBytes(message);
        var frame = new byte[body.Length + 3];
        frame[0] = Start;
        body.CopyTo(frame, 1);
        frame[^2] = End;
        frame[^1] = Return;
        return frame;
    }

    /// <summary>A frame's text (UTF-8, else read as Latin-1, so nothing sent is lost), or none when it was too large.</summary>
    public sealed record Received(string? Text, bool TooLarge);

    /// <summary>
    /// Reads frames from a stream: bytes before a start byte are skipped, a frame ends at 0x1C 0x0D. Returns null at the
    /// end of the stream. A frame over the limit is read to its end but not kept.
    /// </summary>
    public sealed class Reader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _at;
        private int _filled;

        public async Task<Received?> Next(CancellationToken ct)
        {
            var body = new ArrayBufferWriter<byte>();
            var inFrame = false;
            var tooLarge = false;
            var sawEnd = false;
            while (true)
            {
                if (_at == _filled)
                {
                    _at = 0;
                    _filled = await stream.ReadAsync(_buffer, ct);
                    if (_filled == 0)
                    {
                        return null;
                    }
                }

                var b = _buffer[_at++];
                if (!inFrame)
                {
                    inFrame = b == Start;
                    continue;
                }

                if (sawEnd)
                {
                    if (b == Return)
                    {
                        return Done(body, tooLarge);
                    }

                    // 0x1C not followed by 0x0D is part of the body.
                    sawEnd = false;
                    Append(body, End, ref tooLarge);
                }

                if (b == End)
                {
                    sawEnd = true;
                }
                else if (b == Start)
                {
                    // A new start inside a frame: the sender gave up on the one before; begin again.
                    body.Clear();
                    tooLarge = false;
                }
                else
                {
                    Append(body, b, ref tooLarge);
                }
            }
        }

        private static void Append(ArrayBufferWriter<byte> body, byte b, ref bool tooLarge)
        {
            if (body.WrittenCount >= MaxMessageBytes)
            {
                tooLarge = true;
                return;
            }

            body.GetSpan(1)[0] = b;
            body.Advance(1);
        }

        private static Received Done(ArrayBufferWriter<byte> body, bool tooLarge)
        {
            if (tooLarge)
            {
                return new(null, true);
            }

            try
            {
                return new(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body.WrittenSpan), false);
            }
            catch (DecoderFallbackException)
            {
                return new(Encoding.Latin1.GetString(body.WrittenSpan), false);
            }
        }
    }
}
