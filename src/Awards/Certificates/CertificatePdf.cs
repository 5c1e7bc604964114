using Campaign.Campaigns;
using Campaign.Contracts.Awards;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using QRCoder;

namespace Campaign.Awards.Certificates;

/// <summary>
/// A3: a certificate as a one-page A4 PDF in Simplified Chinese, drawn from its
/// <see cref="CertificateIssued"/> alone: the heading, the winner, the work and the award, the
/// organizers and the date, and bottom left the QR code of its verification page with the code.
/// The fonts are single-file TrueType fonts embedded as subsets (STACK.md: PDFsharp 6.2 cannot read
/// .ttc collections, and Noto CJK is CFF, which it embeds whole): a CJK font, and a Latin one for
/// digits, letters and Western punctuation, which the CJK fallback font lacks.
/// </summary>
public static class CertificatePdf
{
    private static readonly XColor Red = XColor.FromArgb(176, 30, 35);

    public static byte[] Render(CertificateIssued c, CertificateFonts? fonts = null)
    {
        CertificateFont.Use(fonts ?? new CertificateFonts());
        using var document = new PdfDocument();
        document.Info.Title = $"{c.Title} {c.Code}";
        document.Info.Creator = "Campaign awards";
        document.Info.CreationDate = c.IssuedAt.UtcDateTime;
        var page = document.AddPage();
        page.Size = PageSize.A4;
        page.Orientation = PageOrientation.Landscape;
        using (var g = XGraphics.FromPdfPage(page))
        {
            var (w, h) = (page.Width.Point, page.Height.Point);
            g.DrawRectangle(new XPen(Red, 3), 22, 22, w - 44, h - 44);
            g.DrawRectangle(new XPen(Red, 0.8), 30, 30, w - 60, h - 60);

            var title = new Text(g, 44, new XSolidBrush(Red), bold: true);
            title.Draw(c.Title, (w - title.Width(c.Title)) / 2, 110);

            var body = new Text(g, 19, XBrushes.Black);
            var (left, width) = (96.0, w - 192);
            new Text(g, 22, XBrushes.Black).Draw($"{c.Recipient}：", left, 178);
            var whose = c.AwardKind == AwardKinds.Collective ? "贵单位报送的作品" : "你的作品";
            var y = 224.0;
            foreach (var paragraph in (string[])[$"{whose}《{c.Work}》在{c.CampaignName}“{c.CategoryName}”评选中荣获{c.Award}。", "特发此证，以资鼓励。"])
                foreach (var line in body.Wrap("　　" + paragraph, width))
                {
                    body.Draw(line, left, y);
                    y += 34;
                }

            var right = w - 96;
            var signature = new Text(g, 17, XBrushes.Black);
            var lineY = h - 100 - 26 * c.Organizers.Count;
            foreach (var line in (string[])[.. c.Organizers, DateText(c.IssuedOn)])
            {
                signature.Draw(line, right - signature.Width(line), lineY);
                lineY += 26;
            }

            DrawQr(g, c.VerificationUrl, 70, h - 70 - 100, 100);
            new Text(g, 11, XBrushes.Black).Draw($"验证码 {c.Code}", 176, h - 98);
            var small = new Text(g, 8, XBrushes.DimGray);
            small.Draw("扫码或访问以下地址核验本证书：", 176, h - 84);
            small.Draw(c.VerificationUrl, 176, h - 72);
        }
        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    /// <summary>Chinese date as certificates print it: 2021年7月30日.</summary>
    public static string DateText(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";

    /// <summary>The QR code as filled squares (vector, so it stays sharp at any scale), its quiet zone included.</summary>
    private static void DrawQr(XGraphics g, string text, double x, double y, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var module = size / matrix.Count;
        for (var row = 0; row < matrix.Count; row++)
            for (var col = 0; col < matrix[row].Length; col++)
            {
                if (!matrix[row][col]) continue;
                var run = col;
                while (run + 1 < matrix[row].Length && matrix[row][run + 1]) run++;
                // A hair taller than a module, so that rows meet without a seam when rasterized.
                g.DrawRectangle(XBrushes.Black, x + col * module, y + row * module, (run - col + 1) * module, module + 0.05);
                col = run;
            }
    }

    /// <summary>Text of one size and colour, each character in the font that has it: Latin below U+2E80, CJK from there on.</summary>
    private sealed class Text(XGraphics g, double size, XBrush brush, bool bold = false)
    {
        private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
        private readonly XFont _cjk = new(CertificateFont.Cjk, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);
        private readonly XFont _latin = new(CertificateFont.Latin, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);

        private IEnumerable<(string Run, XFont Font)> Runs(string text)
        {
            var start = 0;
            for (var i = 1; i <= text.Length; i++)
                if (i == text.Length || IsLatin(text[i]) != IsLatin(text[start]))
                {
                    yield return (text[start..i], IsLatin(text[start]) ? _latin : _cjk);
                    start = i;
                }
        }

        private static bool IsLatin(char c) => c < '\u2E80';

        public double Width(string text) => Runs(text).Sum(r => g.MeasureString(r.Run, r.Font).Width);

        /// <summary>Draws <paramref name="text"/> with its baseline at <paramref name="y"/>.</summary>
        public void Draw(string text, double x, double y)
        {
            foreach (var (run, font) in Runs(text))
            {
                g.DrawString(run, font, brush, x, y);
                x += g.MeasureString(run, font).Width;
            }
        }

        /// <summary>Lines no wider than <paramref name="width"/>: Chinese breaks between any two characters.</summary>
        public IEnumerable<string> Wrap(string text, double width)
        {
            var start = 0;
            for (var end = 1; end <= text.Length; end++)
            {
                if (Width(text[start..end]) <= width) continue;
                // Keep closing punctuation with the character before it.
                var cut = end - 1;
                if (cut - start > 1 && "，。、；：”》）！？".Contains(text[cut])) cut--;
                yield return text[start..cut];
                start = cut;
            }
            if (start < text.Length) yield return text[start..];
        }
    }
}

/// <summary>The certificates' fonts (<c>Awards:CertificateFonts</c>): single-file TrueType files, a CJK one
/// (Debian's <c>fonts-droid-fallback</c>) and a Latin one (<c>fonts-dejavu-core</c>).</summary>
public sealed record CertificateFonts
{
    public string Cjk { get; init; } = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf";
    public string Latin { get; init; } = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
}

/// <summary>PDFsharp's fonts on Linux come from a resolver: the certificates' two families, bold simulated.</summary>
internal sealed class CertificateFont : IFontResolver
{
    public const string Cjk = "CertificateCJK";
    public const string Latin = "CertificateLatin";
    private static readonly Lock Gate = new();
    private static CertificateFont? _installed;
    private readonly Dictionary<string, byte[]> _faces;

    private CertificateFont(Dictionary<string, byte[]> faces) => _faces = faces;

    /// <summary>Installs the resolver once per process (PDFsharp's resolver is global); later settings are ignored.</summary>
    public static void Use(CertificateFonts fonts)
    {
        if (_installed is not null) return;
        lock (Gate)
        {
            if (_installed is not null) return;
            _installed = new CertificateFont(new() { [Cjk] = Read(fonts.Cjk), [Latin] = Read(fonts.Latin) });
            GlobalFontSettings.FontResolver = _installed;
        }
    }

    private static byte[] Read(string path) => File.Exists(path) ? File.ReadAllBytes(path)
        : throw new FileNotFoundException($"The certificates' font {path} is missing: install fonts-droid-fallback and fonts-dejavu-core (scripts/setup.sh) or name single-file TrueType fonts in Awards:CertificateFonts", path);

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(familyName == Latin ? Latin : Cjk, isBold, isItalic);

    public byte[]? GetFont(string faceName) => _faces[faceName];
}
