using System.Globalization;

using HealthLinks.Infrastructure.Pdf;

using SkiaSharp;

namespace HealthLinks.Features.Regional;

/// <summary>
/// A funnel plot drawn once with SkiaSharp, onto a PDF page or into SVG for the web page: the pooled rate, the 95% and
/// 99.8% limits, and each provider as a mark whose shape (not only colour) says where it falls.
/// </summary>
public static class FunnelChart
{
    public sealed record Labels(string Volume, string Rate, string Centre, string Limit95, string Limit998, string Within, string Beyond95, string Beyond998);

    public const float Width = 640, Height = 340;

    private static readonly SKColor Ink = new(0x1f, 0x29, 0x33), Grid = new(0xd5, 0xdb, 0xe1), Within = new(0x1d, 0x5f, 0xa8), Warn = new(0xb3, 0x5c, 0x00), Alarm = new(0xb0, 0x1e, 0x2d);

    /// <summary>The chart as an SVG document, text as text (so the page's screen readers and search find it).</summary>
    public static string Svg(Funnel funnel, Labels labels, Func<double, string> format)
    {
        using var output = new MemoryStream();
        using (var svg = SKSvgCanvas.Create(new SKRect(0, 0, Width, Height), output))
        {
            Draw(svg, new SKRect(0, 0, Width, Height), funnel, labels, format);
        }

        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }

    public static void Draw(SKCanvas canvas, SKRect area, Funnel funnel, Labels labels, Func<double, string> format)
    {
        using var font = new SKFont(PdfTextLayout.Typeface(bold: false), 10);
        using var ink = new SKPaint { Color = Ink, IsAntialias = true };
        using var grid = new SKPaint { Color = Grid, IsAntialias = true, StrokeWidth = 1, Style = SKPaintStyle.Stroke };
        var plot = new SKRect(area.Left + 70, area.Top + 10, area.Right - 30, area.Bottom - 64);
        var points = funnel.Points;
        var maxVolume = points.Select(p => p.Volume).DefaultIfEmpty(1).Max() * 1.05;
        var minVolume = Math.Max(maxVolume / 200, points.Select(p => p.Volume).DefaultIfEmpty(1).Min() * 0.5);
        var rates = points.Select(p => p.Rate).Append(funnel.Centre).Where(double.IsFinite).ToList();
        var (low, high) = rates.Count == 0 ? (0.0, 1.0) : (rates.Min(), rates.Max());
        var pad = Math.Max((high - low) * 0.15, Math.Abs(high) * 0.05 + 1e-9);
        (low, high) = (low - pad, high + pad);
        float X(double v) => plot.Left + (float)(v / maxVolume * plot.Width);
        float Y(double r) => plot.Bottom - (float)((Math.Clamp(r, low, high) - low) / (high - low) * plot.Height);

        for (var i = 0; i <= 4; i++)
        {
            var value = low + ((high - low) * i / 4);
            canvas.DrawLine(plot.Left, Y(value), plot.Right, Y(value), grid);
            canvas.DrawText(format(value), plot.Left - 6, Y(value) + 3, SKTextAlign.Right, font, ink);
            var volume = maxVolume * i / 4;
            canvas.DrawText(volume.ToString("N0", CultureInfo.CurrentCulture), X(volume), plot.Bottom + 14, SKTextAlign.Center, font, ink);
        }

        canvas.DrawText(labels.Volume, plot.MidX, plot.Bottom + 28, SKTextAlign.Center, font, ink);
        canvas.Save();
        canvas.RotateDegrees(-90, area.Left + 12, plot.MidY);
        canvas.DrawText(labels.Rate, area.Left + 12, plot.MidY + 4, SKTextAlign.Center, font, ink);
        canvas.Restore();

        if (double.IsFinite(funnel.Centre))
        {
            using var centre = new SKPaint { Color = Ink, IsAntialias = true, StrokeWidth = 1.5f, Style = SKPaintStyle.Stroke };
            canvas.DrawLine(plot.Left, Y(funnel.Centre), plot.Right, Y(funnel.Centre), centre);
        }

        if (funnel.HasLimits)
        {
            using var dashed = new SKPaint { Color = Warn, IsAntialias = true, StrokeWidth = 1.2f, Style = SKPaintStyle.Stroke, PathEffect = SKPathEffect.CreateDash([5, 4], 0) };
            using var solid = new SKPaint { Color = Alarm, IsAntialias = true, StrokeWidth = 1.2f, Style = SKPaintStyle.Stroke };
            foreach (var (z, paint) in new[] { (Funnel.Z95, dashed), (Funnel.Z998, solid) })
            {
                foreach (var side in new[] { -1, 1 })
                {
                    using var path = new SKPathBuilder();
                    for (var i = 0; i <= 120; i++)
                    {
                        var volume = minVolume + ((maxVolume - minVolume) * i / 120);
                        var (lower, upper) = funnel.Limits(volume, z);
                        var y = Y(side < 0 ? lower : upper);
                        if (i == 0)
                        {
                            path.MoveTo(X(volume), y);
                        }
                        else
                        {
                            path.LineTo(X(volume), y);
                        }
                    }

                    using var drawn = path.Detach();
                    canvas.DrawPath(drawn, paint);
                }
            }
        }

        foreach (var point in points)
        {
            Mark(canvas, X(point.Volume), Y(point.Rate), point.Band, 4.5f);
        }

        // The legend: every mark and line named.
        var legendY = area.Bottom - 14;
        var x = area.Left + 10;
        foreach (var (band, text) in new[] { (FunnelBand.Within, labels.Within), (FunnelBand.Beyond95, labels.Beyond95), (FunnelBand.Beyond998, labels.Beyond998) })
        {
            Mark(canvas, x + 4, legendY - 3, band, 4.5f);
            canvas.DrawText(text, x + 12, legendY, SKTextAlign.Left, font, ink);
            x += 24 + font.MeasureText(text);
        }

        canvas.DrawText($"— {labels.Centre}   - - {labels.Limit95}   — {labels.Limit998}", area.Left + 10, legendY + 12, SKTextAlign.Left, font, ink);
    }

    /// <summary>Inside: a hollow circle; between the limits: a square; beyond 99.8%: a filled diamond.</summary>
    private static void Mark(SKCanvas canvas, float x, float y, FunnelBand band, float r)
    {
        using var paint = new SKPaint { IsAntialias = true, StrokeWidth = 1.6f };
        switch (band)
        {
            case FunnelBand.Within:
                paint.Color = Within;
                paint.Style = SKPaintStyle.Stroke;
                canvas.DrawCircle(x, y, r, paint);
                break;
            case FunnelBand.Beyond95:
                paint.Color = Warn;
                paint.Style = SKPaintStyle.StrokeAndFill;
                canvas.DrawRect(x - r, y - r, 2 * r, 2 * r, paint);
                break;
            default:
                paint.Color = Alarm;
                paint.Style = SKPaintStyle.Fill;
                using (var diamond = new SKPathBuilder())
                {
                    diamond.MoveTo(x, y - r - 1);
                    diamond.LineTo(x + r + 1, y);
                    diamond.LineTo(x, y + r + 1);
                    diamond.LineTo(x - r - 1, y);
                    diamond.Close();
                    using var drawn = diamond.Detach();
                    canvas.DrawPath(drawn, paint);
                }

                break;
        }
    }
}
