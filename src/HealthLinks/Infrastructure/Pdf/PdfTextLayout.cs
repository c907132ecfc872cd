using SkiaSharp;

namespace HealthLinks.Infrastructure.Pdf;

/// <summary>
/// Writes flowing text onto Letter-size PDF pages: wraps words to the width, starts a new page when one is full,
/// and numbers the pages. The fonts ship with the product (DejaVu Sans), so accented French prints the same everywhere.
/// </summary>
public sealed class PdfTextLayout : IDisposable
{
    private const float PageWidth = 612, PageHeight = 792, Margin = 54;
    private static readonly SKTypeface Regular = Load("Fonts.DejaVuSans.ttf");
    private static readonly SKTypeface Bold = Load("Fonts.DejaVuSans-Bold.ttf");

    private readonly SKDocument _document;
    private readonly string _footer;
    private readonly SKPaint _ink = new() { Color = SKColors.Black, IsAntialias = true };
    private readonly SKPaint _muted = new() { Color = new SKColor(0x4a, 0x53, 0x60), IsAntialias = true };
    private SKCanvas? _page;
    private float _y;
    private int _pageNumber;

    public PdfTextLayout(SKDocument document, string footer)
    {
        (_document, _footer) = (document, footer);
        NewPage();
    }

    public int Pages => _pageNumber;

    public void Heading(string text, float size) => Write(text, Bold, size, indent: 0, spaceBefore: size * 0.8f, _ink);

    public void Text(string? label, string text, int indent)
    {
        var x = indent * 18f;
        if (label is null)
        {
            Write(text, Regular, 10.5f, x, 2, _ink);
            return;
        }

        Write(label, Bold, 10.5f, x, 4, _ink);
        Write(text, Regular, 10.5f, x + 12, 0, _ink);
    }

    /// <summary>
    /// A table row: the label wraps in the left column, the cells sit right-aligned in fixed columns on the row's first
    /// line, and a thin rule follows. A row never splits across pages.
    /// </summary>
    public void TableRow(string label, IReadOnlyList<string> cells, bool bold, int indent = 0, float cellWidth = 58)
    {
        using var font = new SKFont(bold ? Bold : Regular, 9f);
        var lineHeight = 9f * 1.35f;
        var labelWidth = PageWidth - (2 * Margin) - (cells.Count * cellWidth) - (indent * 12f) - 6;
        var lines = Wrap(label, font, labelWidth);
        if (_y + (lines.Count * lineHeight) + 4 > PageHeight - Margin)
        {
            NewPage();
        }

        var top = _y + lineHeight;
        foreach (var line in lines)
        {
            _y += lineHeight;
            _page!.DrawText(line, Margin + (indent * 12f), _y, SKTextAlign.Left, font, _ink);
        }

        for (var i = 0; i < cells.Count; i++)
        {
            var right = PageWidth - Margin - ((cells.Count - 1 - i) * cellWidth);
            _page!.DrawText(cells[i], right, top, SKTextAlign.Right, font, _ink);
        }

        _y += 3;
        _page!.DrawLine(Margin, _y, PageWidth - Margin, _y, _muted);
        _y += 1;
    }

    /// <summary>A drawing the width of the text, this tall, on a new page when this one has no room for it.</summary>
    public void Drawing(float height, Action<SKCanvas, SKRect> draw)
    {
        if (_y + height + 8 > PageHeight - Margin)
        {
            NewPage();
        }

        _y += 8;
        draw(_page!, new SKRect(Margin, _y, PageWidth - Margin, _y + height));
        _y += height;
    }

    /// <summary>The typefaces the layout prints with, for drawings that carry text.</summary>
    public static SKTypeface Typeface(bool bold) => bold ? Bold : Regular;

    public void Dispose()
    {
        EndPage();
        _ink.Dispose();
        _muted.Dispose();
    }

    /// <summary>The lines a text breaks into at this width; words longer than a line are cut.</summary>
    public static IReadOnlyList<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (font.MeasureText(candidate) <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                while (font.MeasureText(line) > width)
                {
                    var fits = Math.Max(1, (int)font.BreakText(line, width));
                    lines.Add(line[..fits]);
                    line = line[fits..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    private void Write(string text, SKTypeface typeface, float size, float indent, float spaceBefore, SKPaint paint)
    {
        using var font = new SKFont(typeface, size);
        var lineHeight = size * 1.35f;
        _y += spaceBefore;
        foreach (var line in Wrap(text, font, PageWidth - (2 * Margin) - indent))
        {
            if (_y + lineHeight > PageHeight - Margin)
            {
                NewPage();
            }

            _y += lineHeight;
            _page!.DrawText(line, Margin + indent, _y, SKTextAlign.Left, font, paint);
        }
    }

    private void NewPage()
    {
        EndPage();
        _page = _document.BeginPage(PageWidth, PageHeight);
        _pageNumber++;
        _y = Margin;
    }

    private void EndPage()
    {
        if (_page is null)
        {
            return;
        }

        using var font = new SKFont(Regular, 8.5f);
        _page.DrawText($"{_footer} · {_pageNumber}", Margin, PageHeight - (Margin / 2), SKTextAlign.Left, font, _muted);
        _document.EndPage();
        _page = null;
    }

    private static SKTypeface Load(string resource)
    {
        using var stream = typeof(PdfTextLayout).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The font {resource} is not embedded.");
        return SKTypeface.FromStream(stream);
    }
}
