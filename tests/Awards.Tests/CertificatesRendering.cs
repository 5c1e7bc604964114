using System.Diagnostics;
using System.Text;
using Campaign.Awards.Certificates;
using Campaign.Contracts.Awards;
using Xunit.Abstractions;
using ZXing;
using ZXing.Common;
using static Campaign.Awards.Tests.CertificatesTestData;

namespace Campaign.Awards.Tests;

/// <summary>A3: the certificate as a person and a phone read it: its Chinese text through pdftotext, its QR code through ZXing.</summary>
public sealed class CertificatesRendering(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("certificate-").FullName;

    private static CertificateIssued Certificate()
    {
        var entry = Guid.CreateVersion7();
        var allocation = CertificatesTestData.Allocated("liaoning-2021", "video", null, Result(entry, "yingkou", 1, "first", "一等奖"));
        var results = Results([Work(entry, "yingkou", "守护辽河的人", "张三", "李四"), allocation]);
        return CertificateIssuance.Compose(Liaoning, results, allocation, allocation.Results[0], Base, "organizer", Now)!;
    }

    [Fact]
    public async Task A3_a_certificate_reads_back_in_Chinese_naming_the_winner_the_work_the_award_the_organizers_and_the_date()
    {
        var certificate = Certificate();
        var text = Flat(await Run("pdftotext", "-enc", "UTF-8", Save(CertificatePdf.Render(certificate)), "-"));

        Assert.Contains("获奖证书", text);
        Assert.Contains("张三、李四", text);
        Assert.Contains("《守护辽河的人》", text);
        Assert.Contains("职工网络正能量微视频", text);
        Assert.Contains("荣获一等奖", text);
        Assert.Contains("辽宁省总工会", text);
        Assert.Contains("中共辽宁省委网络安全和信息化委员会办公室", text);
        Assert.Contains("2021年7月30日", text);
        Assert.Contains(certificate.Code, text);
    }

    [Fact]
    public async Task A3_its_QR_code_decodes_to_the_public_verification_address()
    {
        var certificate = Certificate();
        var pdf = Save(CertificatePdf.Render(certificate));
        await Run("pdftoppm", "-gray", "-r", "150", "-singlefile", pdf, Path.Combine(_folder, "page"));
        var (width, height, pixels) = ReadPgm(Path.Combine(_folder, "page.pgm"));

        var reader = new BarcodeReaderGeneric { Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true } };
        var decoded = reader.Decode(new RGBLuminanceSource(pixels, width, height, RGBLuminanceSource.BitmapFormat.Gray8));

        Assert.NotNull(decoded);
        Assert.Equal($"{Base}/ui/verify/{certificate.Code}", decoded.Text);
        Assert.Equal(certificate.VerificationUrl, decoded.Text);
    }

    [Fact]
    public async Task A3_the_CJK_font_and_the_Latin_one_are_embedded_as_subsets_and_the_file_stays_small()
    {
        var certificate = Certificate();
        CertificatePdf.Render(certificate); // the first pays for loading the font
        var watch = Stopwatch.StartNew();
        const int n = 10;
        byte[] bytes = [];
        for (var i = 0; i < n; i++) bytes = CertificatePdf.Render(certificate);
        output.WriteLine($"{bytes.Length:N0} bytes; {watch.Elapsed.TotalMilliseconds / n:F1} ms per certificate");

        var fonts = await Run("pdffonts", Save(bytes));
        output.WriteLine(fonts);
        // pdffonts: name, type, encoding, emb, sub, uni — a subset's name carries a six-letter tag (ABCDEF+Name).
        var embedded = fonts.Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.Contains(embedded, f => f.Contains("Droid Sans Fallback"));
        Assert.All(embedded, f => Assert.Matches(@"^[A-Z]{6}\+.*\byes\s+yes\s+yes\b", f));
        // The CJK font is 4 MB; subsets of the few characters printed are tens of kilobytes.
        Assert.InRange(bytes.Length, 1_000, 200_000);
    }

    private string Save(byte[] pdf)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        return path;
    }

    private static string Flat(string text) => new([.. text.Where(c => !char.IsWhiteSpace(c))]);

    private static async Task<string> Run(string tool, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 })
            ?? throw new InvalidOperationException($"{tool} did not start (poppler-utils: scripts/setup.sh)");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {await stderr}");
        return await stdout;
    }

    /// <summary>A binary PGM (P5, 8 bits) as pdftoppm -gray writes it.</summary>
    private static (int Width, int Height, byte[] Pixels) ReadPgm(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var (fields, at) = (new List<string>(), 0);
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)bytes[at])) at++;
            var start = at;
            while (!char.IsWhiteSpace((char)bytes[at])) at++;
            fields.Add(Encoding.ASCII.GetString(bytes, start, at - start));
        }
        Assert.Equal("P5", fields[0]);
        var (width, height) = (int.Parse(fields[1]), int.Parse(fields[2]));
        return (width, height, bytes[(at + 1)..(at + 1 + width * height)]);
    }

    // KEEP_CERTIFICATES=1 leaves the PDFs and page images in the temporary folder, to look at.
    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("KEEP_CERTIFICATES") is null) Directory.Delete(_folder, recursive: true);
    }
}
