using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Campaign.Contracts.MediaCheck;
using Campaign.TestSupport;
using Microsoft.Playwright;

namespace Campaign.Submission.UiTests;

/// <summary>
/// The reference submission page (/submit/) in Chromium against the real service: both ports (O3),
/// a tus upload whose connection drops and resumes from the server's offset, the media findings
/// when MediaChecked arrives, the entry's history, and a refusal shown in the server's words.
/// </summary>
public sealed class SubmittingFromTheReferencePage(SubmissionPageFixture service) : IClassFixture<SubmissionPageFixture>
{
    private const int Chunk = 1 << 20;

    [Fact]
    public async Task An_organization_submits_a_video_whose_upload_drops_and_resumes_and_sees_the_findings_and_history()
    {
        var file = Path.Combine(Path.GetTempPath(), $"submission-page-{Guid.NewGuid():N}.mp4");
        try
        {
            var sha256 = await WriteRandomFileAsync(file, 3 * Chunk + 12345);
            var page = await service.Chromium.NewPageAsync(service.ServerAddress);
            await page.AddInitScriptAsync($"window.CampaignSubmission = {{ chunkSize: {Chunk}, pollMilliseconds: 500 }};");
            // The second PATCH never reaches the server: the connection drops after the first megabyte arrived.
            var requests = new ConcurrentQueue<string>();
            var patches = 0;
            await page.RouteAsync("**/uploads/*", async route =>
            {
                var request = route.Request;
                requests.Enqueue(request.Method == "PATCH" ? $"PATCH {request.Headers["upload-offset"]}" : request.Method);
                if (request.Method == "PATCH" && Interlocked.Increment(ref patches) == 2) await route.AbortAsync("connectionreset");
                else await route.ContinueAsync();
            });

            await page.GotoAsync("/submit/");
            Assert.Equal("作品申报", await page.TextContentAsync("h1"));
            // Development: a sample user of the service's own issuer.
            await page.SelectOptionAsync("#cs-user", "admin-city-a");
            await page.ClickAsync("#cs-signin-button");
            await page.WaitForSelectorAsync("#cs-form:not([hidden])");
            await page.SelectOptionAsync("#cs-campaign", "test-2026");
            await page.SelectOptionAsync("#cs-category", "clip");
            Assert.True(await page.IsCheckedAsync("input[name=port][value=organization]"));
            Assert.Equal("city-a", await page.InputValueAsync("#cs-organization"));
            await page.FillAsync("#cs-title", "炉火映初心");
            await page.FillAsync("#cs-members", "staff-0042 张三");
            await page.SetInputFilesAsync("#cs-files input[type=file]", file);
            await page.CheckAsync("#cs-consent");
            await page.ClickAsync("#cs-submit");

            await page.WaitForSelectorAsync("#cs-entry:not([hidden])");
            var id = Guid.Parse((await page.TextContentAsync("#cs-entry-id"))!);
            Assert.Equal(100, await page.EvalOnSelectorAsync<int>("#cs-files progress", "bar => bar.value"));
            // After the drop the client asked the server how far it had got (HEAD) and went on from there, not from 0.
            var sent = requests.ToList();
            Assert.Equal(["PATCH 0", $"PATCH {Chunk}"], sent.Take(2));
            Assert.Equal("HEAD", sent[2]);
            Assert.Equal($"PATCH {Chunk}", sent[3]);
            var entry = await service.ClientAs(Users.AdminOf("city-a")).GetFromJsonAsync<JsonElement>($"/entries/{id}");
            Assert.Equal([sha256], entry.GetProperty("media").EnumerateArray().Select(m => m.GetString()!).ToArray()); // byte-identical

            Assert.True(await page.IsVisibleAsync("#cs-checking"));
            await service.Bus.PublishAsync(new MediaChecked(id, "test-2026", "clip", Verdict.NeedsReview,
            [
                new Finding("V2", FindingStatus.Pass, "0:05", "≤ 1:00", "时长符合要求", "Duration within the limit"),
                new Finding("V6", FindingStatus.NeedsReview, "corner static", "none", "右上角疑似水印", "A static mark in the top-right corner"),
            ], DateTimeOffset.UtcNow, [sha256]), Guid.NewGuid());

            await page.WaitForSelectorAsync("#cs-findings tr[data-rule=V6]");
            Assert.Contains("需人工审核", await page.TextContentAsync("#cs-findings tr[data-rule=V6]"));
            Assert.Contains("右上角疑似水印", await page.TextContentAsync("#cs-findings tr[data-rule=V6]"));
            Assert.Contains("通过", await page.TextContentAsync("#cs-findings tr[data-rule=V2]"));
            Assert.Equal("媒体已检测", await page.TextContentAsync("#cs-status"));
            Assert.False(await page.IsVisibleAsync("#cs-checking"));
            Assert.Equal(["ConsentGiven", "EntrySubmitted", "MediaChecked"],
                await page.EvalOnSelectorAllAsync<string[]>("#cs-history li", "items => items.map(i => i.dataset.type)"));
            await Chromium.ScreenshotAsync(page, "submission-page");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_individual_on_a_site_that_supplies_the_token_reads_the_refusal_in_English_then_submits_a_story()
    {
        var worker = Users.NewWorkerOf("city-b");
        var page = await service.Chromium.NewPageAsync(service.ServerAddress, locale: "en-GB");
        // As an embedding site does: its own sign-in supplies the token, and the page offers one campaign.
        await page.AddInitScriptAsync($"window.CampaignSubmission = {{ token: '{Tokens.For(worker)}', campaign: 'test-2026', pollMilliseconds: 500 }};");

        await page.GotoAsync("/submit/index.html?lang=en");
        await page.WaitForSelectorAsync("#cs-form:not([hidden])");
        Assert.Equal("Submit a work", await page.TextContentAsync("h1"));
        Assert.True(await page.IsHiddenAsync("#cs-dev"));
        Assert.True(await page.IsCheckedAsync("input[name=port][value=individual]"));
        Assert.Equal("city-b", await page.InputValueAsync("#cs-organization")); // the token's verified affiliation
        await page.SelectOptionAsync("#cs-category", "story");
        await page.FillAsync("#cs-story", "炉火映初心，匠心铸辉煌，三十年如一日。");
        await page.CheckAsync("#cs-consent");
        await page.ClickAsync("#cs-submit");

        // The page does not decide: the server refuses, and its problem's words are shown.
        await page.WaitForSelectorAsync("#cs-problem:not([hidden])");
        Assert.Contains("An entry needs a title.", await page.TextContentAsync("#cs-problem"));
        Assert.True(await page.IsHiddenAsync("#cs-entry"));

        await page.FillAsync("#cs-title", "三十年炉前");
        await page.ClickAsync("#cs-submit");
        await page.WaitForSelectorAsync("#cs-entry:not([hidden])");
        Assert.True(await page.IsHiddenAsync("#cs-problem"));
        Assert.Equal("Submitted", await page.TextContentAsync("#cs-status"));
        Assert.Equal("Checking the media…", await page.TextContentAsync("#cs-checking span"));
        var id = Guid.Parse((await page.TextContentAsync("#cs-entry-id"))!);
        var entry = await service.ClientAs(worker).GetFromJsonAsync<JsonElement>($"/entries/{id}");
        Assert.Equal("individual", entry.GetProperty("port").GetString());
        Assert.Equal("city-b", entry.GetProperty("organizationId").GetString());
        Assert.Equal(["ConsentGiven", "EntrySubmitted"], await page.EvalOnSelectorAllAsync<string[]>("#cs-history li", "items => items.map(i => i.dataset.type)"));
        Assert.Contains("Submitted", await page.TextContentAsync("#cs-history li[data-type=EntrySubmitted]"));
    }

    [Fact]
    public async Task The_page_is_public_while_the_campaign_forms_it_reads_need_a_token_and_say_which_windows_are_open()
    {
        var anonymous = service.ClientAs(null);
        var script = await anonymous.GetAsync("/submit/submit.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/submit/vendor/tus-js-client-4.3.1/tus.min.js")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/campaigns")).StatusCode);

        var forms = (await service.ClientAs(Users.NewWorker()).GetFromJsonAsync<JsonElement[]>("/campaigns"))!;
        var test = forms.Single(c => c.GetProperty("id").GetString() == "test-2026");
        var clip = test.GetProperty("categories").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "clip");
        Assert.True(clip.GetProperty("open").GetBoolean());
        Assert.Equal(314572800, clip.GetProperty("media").GetProperty("maxSizeBytes").GetInt64());
        // T1: the default campaign's windows closed in 2021.
        var video = forms.Single(c => c.GetProperty("id").GetString() == "liaoning-2021").GetProperty("categories").EnumerateArray()
            .Single(c => c.GetProperty("id").GetString() == "video");
        Assert.False(video.GetProperty("open").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await service.ClientAs(Users.NewWorker()).GetAsync("/campaigns/no-such-campaign")).StatusCode);
    }

    private static async Task<string> WriteRandomFileAsync(string path, int length)
    {
        var bytes = RandomNumberGenerator.GetBytes(length);
        await File.WriteAllBytesAsync(path, bytes);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
