using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Campaign.Contracts.Awards;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.Submission;
using Campaign.TestSupport;
using Microsoft.AspNetCore.Hosting;

namespace Campaign.Awards.IntegrationTests;

public sealed class CertificatesFixture() : ServiceFactory<Program>("awards")
{
    protected override void Observe(BusProbe.Observer o) => o.Observe<AwardsAllocated>().Observe<CertificateIssued>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The shared test campaigns and collective-2026, which no other test's catalog holds.
        builder.UseSetting("Campaigns:Directory", string.Join(Path.PathSeparator,
            Path.Combine(AppContext.BaseDirectory, "campaigns"), Path.Combine(AppContext.BaseDirectory, "campaigns-awards")));
    }
}

/// <summary>A3 and C1 against the real service, PostgreSQL and RabbitMQ: bulk generation, downloads, public verification, and a late disqualification.</summary>
public sealed class IssuingCertificates(CertificatesFixture service) : IClassFixture<CertificatesFixture>
{
    [Fact]
    public async Task A3_C1_certificates_issued_in_bulk_are_verified_without_sign_in_and_a_late_disqualification_reissues_them()
    {
        // The test campaign's "story": one gold, two silvers; four works of city-b.
        var now = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, 4).Select(_ => Guid.CreateVersion7()).ToList();
        string[] authors = ["甲", "乙", "丙", "丁"];
        for (var i = 0; i < ids.Count; i++)
            await service.Bus.PublishAsync(new EntrySubmitted(ids[i], "test-2026", "story", $"作品{authors[i]}", "city-b", "individual", "w",
                null, [], now, [$"劳模{authors[i]}"]), Guid.NewGuid());
        await service.Bus.PublishAsync(new JudgingClosed("test-2026", "story", ids, "o", now), Guid.NewGuid());
        await service.Bus.PublishAsync(new EngagementClosed("test-2026", "story", ids, "o", now), Guid.NewGuid());
        for (var i = 0; i < ids.Count; i++)
        {
            await service.Bus.PublishAsync(new EntryJudged(ids[i], "test-2026", "story", "city-b", [], 90 - i * 10, "mean", now), Guid.NewGuid());
            await service.Bus.PublishAsync(new EngagementScored(ids[i], "test-2026", "story", new Dictionary<string, long>(), 50, "v", now), Guid.NewGuid());
        }
        var (_, first) = await service.Bus.WaitForAsync<AwardsAllocated>(a => a.CampaignId == "test-2026" && a.CategoryId == "story");
        await Eventually.GetAsync(async () => (await Progress()).GetProperty("winners").GetInt32() == 3 ? "" : null, "the allocation in the stream");

        var organizer = service.ClientAs(Users.Organizer);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.ClientAs(Users.Judge(1)).PostAsync("/results/test-2026/story/certificates", null)).StatusCode);
        var started = await organizer.PostAsync("/results/test-2026/story/certificates", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("/results/test-2026/story/certificates", started.Headers.Location?.OriginalString);

        // Bulk generation, followed by GET until every certificate is rendered.
        var progress = await Complete("every certificate rendered");
        Assert.Equal((3, 3, 3), (progress.GetProperty("winners").GetInt32(), progress.GetProperty("issued").GetInt32(), progress.GetProperty("rendered").GetInt32()));
        var before = Codes(progress);
        Assert.Equal(new[] { ids[0], ids[1], ids[2] }.Order(), before.Keys.Order());
        var issued = await service.Bus.WaitForAsync<CertificateIssued>(c => c.Code == before[ids[0]]);
        Assert.Equal(("劳模甲", "作品甲", "金奖"), (issued.Message.Recipient, issued.Message.Work, issued.Message.Award));
        // No Awards:PublicBaseUrl here: the QR points to the address the organizer's request came to.
        Assert.Equal($"http://localhost/ui/verify/{before[ids[0]]}", issued.Message.VerificationUrl);

        // One PDF, read back; the ZIP holds the three.
        var pdf = await organizer.GetByteArrayAsync($"/results/test-2026/story/certificates/{before[ids[0]]}.pdf");
        var text = await PdfText(pdf);
        Assert.Contains("荣誉证书", text);
        Assert.Contains("劳模甲", text);
        Assert.Contains("《作品甲》", text);
        Assert.Contains("荣获金奖", text);
        Assert.Contains("测试总工会", text);
        Assert.Contains(before[ids[0]], text);
        using (var zip = new ZipArchive(await organizer.GetStreamAsync("/results/test-2026/story/certificates.zip")))
            Assert.Equal(before.Values.Order(), zip.Entries.Select(e => e.Name[..14]).Order());

        // Anyone verifies a code without signing in, and sees only what the certificate says.
        var anonymous = service.CreateClient();
        var verified = await anonymous.GetFromJsonAsync<JsonElement>($"/certificates/{before[ids[0]].ToLowerInvariant()}");
        Assert.Equal(("valid", "劳模甲", "作品甲", "金奖"), (Text(verified, "status"), Text(verified, "recipient"), Text(verified, "work"), Text(verified, "award")));
        Assert.False(verified.TryGetProperty("entryId", out _));
        var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/ui/verify/{before[ids[0]]}"));
        Assert.Contains("data-status=\"valid\"", page);
        Assert.Contains("劳模甲", page);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/certificates/AAAA-BBBB-CCCC")).StatusCode);

        // A late disqualification: the winner leaves, everyone moves up, and the certificates follow by themselves.
        await service.Bus.PublishAsync(new EntryDisqualified(ids[0], "test-2026", "story", "侵权", "organizer", now), Guid.NewGuid());
        var (_, second) = await service.Bus.WaitForAsync<AwardsAllocated>(a => a.CategoryId == "story" && a.Supersedes == first.AllocationId);
        var reissued = await service.Bus.WaitForAsync<CertificateIssued>(c => c.EntryId == ids[1] && c.AllocationId == second.AllocationId);
        Assert.Equal((before[ids[1]], "金奖"), (reissued.Message.Supersedes, reissued.Message.Award));

        var old = await anonymous.GetFromJsonAsync<JsonElement>($"/certificates/{before[ids[1]]}");
        Assert.Equal(("superseded", reissued.Message.Code), (Text(old, "status"), Text(old, "replacedBy")));
        var gone = await anonymous.GetFromJsonAsync<JsonElement>($"/certificates/{before[ids[0]]}");
        Assert.Equal("no-longer-awarded", Text(gone, "status"));
        Assert.Equal(JsonValueKind.Null, gone.GetProperty("replacedBy").ValueKind);
        Assert.Equal("valid", Text(await anonymous.GetFromJsonAsync<JsonElement>($"/certificates/{before[ids[2]]}"), "status"));
        var oldPage = await anonymous.GetStringAsync($"/ui/verify/{before[ids[1]]}");
        Assert.Contains("data-status=\"superseded\"", oldPage);
        Assert.Contains($"href=\"/ui/verify/{reissued.Message.Code}\"", oldPage);

        var valid = Codes(await Complete("the re-issued certificates rendered"));
        Assert.Equal(new[] { ids[1], ids[2], ids[3] }.Order(), valid.Keys.Order());
        Assert.Equal((reissued.Message.Code, before[ids[2]]), (valid[ids[1]], valid[ids[2]]));
        Assert.Contains("荣获金奖", await PdfText(await organizer.GetByteArrayAsync($"/results/test-2026/story/certificates/{valid[ids[1]]}.pdf")));

        // The organizers' page lists every certificate with its status and serves its PDF.
        var ui = await SignedInOrganizer();
        var list = await ui.GetStringAsync("/ui/certificates/test-2026/story");
        Assert.Contains("data-complete=\"true\"", list);
        Assert.Contains($"data-code=\"{valid[ids[3]]}\" data-status=\"valid\"", list);
        Assert.Contains($"data-code=\"{before[ids[1]]}\" data-status=\"superseded\"", list);
        Assert.Contains($"data-code=\"{before[ids[0]]}\" data-status=\"no-longer-awarded\"", list);
        var download = await ui.GetAsync($"/ui/certificates/test-2026/story?handler=Pdf&code={valid[ids[3]]}");
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Contains("劳模丁", await PdfText(await download.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task A1_A3_a_collective_award_names_the_organization_in_the_allocation_the_announcement_and_the_certificate()
    {
        // collective-2026's "story": one individual first prize, then two collective awards (优秀集体奖).
        var now = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, 4).Select(_ => Guid.CreateVersion7()).ToList();
        (string Org, string Port, string[] Authors, decimal Judges)[] works =
        [
            ("city-b", "individual", ["劳模甲"], 90), ("rail", "organization", ["张三", "李四"], 80),
            ("city-a", "organization", ["王五"], 70), ("city-b", "individual", ["劳模丁"], 60),
        ];
        for (var i = 0; i < ids.Count; i++)
        {
            await service.Bus.PublishAsync(new EntrySubmitted(ids[i], "collective-2026", "story", $"集体作品{i}", works[i].Org, works[i].Port, "w",
                null, [], now, works[i].Authors), Guid.NewGuid());
            await service.Bus.PublishAsync(new EntryJudged(ids[i], "collective-2026", "story", works[i].Org, [], works[i].Judges, "mean", now), Guid.NewGuid());
            await service.Bus.PublishAsync(new EngagementScored(ids[i], "collective-2026", "story", new Dictionary<string, long>(), 50, "c1", now), Guid.NewGuid());
        }
        await service.Bus.PublishAsync(new JudgingClosed("collective-2026", "story", ids, "o", now), Guid.NewGuid());
        await service.Bus.PublishAsync(new EngagementClosed("collective-2026", "story", ids, "o", now, "c1"), Guid.NewGuid());

        // The allocation: the tiers' kinds come from the configuration.
        var (_, allocated) = await service.Bus.WaitForAsync<AwardsAllocated>(a => a.CampaignId == "collective-2026");
        Assert.Equal([(ids[0], "first", "individual"), (ids[1], "collective", "collective"), (ids[2], "collective", "collective"), (ids[3], null, null)],
            allocated.Results.Select(r => (r.EntryId, r.TierId, r.TierKind)));

        // The announcement names the organization for a collective award, and the people behind the work nowhere.
        var anonymous = service.CreateClient();
        var announced = await Eventually.GetAsync(async () =>
            await anonymous.GetFromJsonAsync<JsonElement>("/public/results/collective-2026/story") is var r
                && r.GetProperty("winners").EnumerateArray().All(w => w.GetProperty("title").ValueKind == JsonValueKind.String) ? (object)r : null,
            "every winner's title on the announcement");
        var winners = ((JsonElement)announced).GetProperty("winners").EnumerateArray()
            .Select(w => (Text(w, "title"), string.Join("、", w.GetProperty("names").EnumerateArray().Select(n => n.GetString())), Text(w, "tierKind"))).ToList();
        Assert.Equal([("集体作品0", "劳模甲", "individual"), ("集体作品1", "铁路工会", "collective"), ("集体作品2", "A市总工会", "collective")], winners);
        var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/ui/public/collective-2026/story"));
        Assert.Contains("<td>集体作品1</td><td>铁路工会</td><td>铁路工会</td>", page);
        Assert.Contains("<td>集体作品0</td><td>劳模甲</td><td>B市总工会</td>", page);
        Assert.DoesNotContain("张三", page);
        Assert.DoesNotContain("王五", page);

        // The certificate of a collective award is made out to the organization.
        Assert.Equal(HttpStatusCode.Accepted, (await service.ClientAs(Users.Organizer).PostAsync("/results/collective-2026/story/certificates", null)).StatusCode);
        var codes = Codes(await Complete("the collective campaign's certificates rendered", "collective-2026/story"));
        var issued = (await service.Bus.WaitForAsync<CertificateIssued>(c => c.Code == codes[ids[1]])).Message;
        Assert.Equal(("铁路工会", "collective", "优秀集体奖", "集体作品1"), (issued.Recipient, issued.AwardKind, issued.Award, issued.Work));
        var text = await PdfText(await service.ClientAs(Users.Organizer).GetByteArrayAsync($"/results/collective-2026/story/certificates/{codes[ids[1]]}.pdf"));
        Assert.Contains("铁路工会：", text);
        Assert.Contains("贵单位报送的作品《集体作品1》", text);
        Assert.Contains("荣获优秀集体奖", text);
        Assert.DoesNotContain("张三", text);
        var verified = await anonymous.GetFromJsonAsync<JsonElement>($"/certificates/{codes[ids[1]]}");
        Assert.Equal(("valid", "铁路工会"), (Text(verified, "status"), Text(verified, "recipient")));
        // The individual award beside it still names the person.
        Assert.Equal("劳模甲", (await service.Bus.WaitForAsync<CertificateIssued>(c => c.Code == codes[ids[0]])).Message.Recipient);
    }

    private async Task<HttpClient> SignedInOrganizer()
    {
        var client = service.CreateClient(); // keeps the UI's cookies
        var form = await client.GetStringAsync("/ui/signin");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var signedIn = await client.PostAsync("/ui/signin", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["user"] = "organizer", ["returnUrl"] = "/ui", ["__RequestVerificationToken"] = token }));
        Assert.True(signedIn.IsSuccessStatusCode, $"sign-in: {signedIn.StatusCode}");
        return client;
    }

    private async Task<JsonElement> Progress(string category = "test-2026/story") =>
        await service.ClientAs(Users.Organizer).GetFromJsonAsync<JsonElement>($"/results/{category}/certificates");

    private async Task<JsonElement> Complete(string what, string category = "test-2026/story") =>
        (JsonElement)await Eventually.GetAsync(async () => await Progress(category) is var p && p.GetProperty("complete").GetBoolean() ? (object)p : null, what);

    private static Dictionary<Guid, string> Codes(JsonElement progress) =>
        progress.GetProperty("certificates").EnumerateArray().Where(c => Text(c, "status") == "valid")
            .ToDictionary(c => c.GetProperty("entryId").GetGuid(), c => Text(c, "code"));

    private static string Text(JsonElement e, string property) => e.GetProperty(property).GetString()!;

    private static async Task<string> PdfText(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"certificate-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true, StandardOutputEncoding = Encoding.UTF8 })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return new string([.. text.Where(c => !char.IsWhiteSpace(c))]);
        }
        finally { File.Delete(path); }
    }
}
