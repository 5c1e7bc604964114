using System.Net.Http.Json;
using Campaign.Contracts.Judging;
using Campaign.TestSupport;
using Microsoft.Playwright;

namespace Campaign.Judging.UiTests;

/// <summary>
/// The judges', reviewers' and organizers' UI in the machine's Chromium, against the real service,
/// PostgreSQL and RabbitMQ: a work goes from its media check to <c>EntryJudged</c> through the browser.
/// </summary>
public sealed class JudgingInTheBrowser(JudgingUiFixture service) : IClassFixture<JudgingUiFixture>
{
    private Task<IPage> NewPageAsync(bool tablet = false) => service.Chromium.NewPageAsync(service.ServerAddress, tablet);

    private Task<IPage> SignedInAsync(string user) => service.Chromium.SignedInAsync(service.ServerAddress, user);

    private async Task<IPage> JudgeFromInvitationAsync(string category, string name, string? organization = null, bool tablet = false)
    {
        var page = await NewPageAsync(tablet);
        await page.GotoAsync(await service.InviteAsync(category, name, organization));
        await page.ClickAsync("#accept");
        await page.WaitForSelectorAsync("#my-judging");
        return page;
    }

    [Fact]
    public async Task P1_J1_J2_a_work_goes_from_its_media_check_through_review_and_three_judges_to_EntryJudged()
    {
        var id = await service.CheckedEntryAsync("clip", "city-b", "钢花飞溅");

        // P1: the reviewer sees the finding, must tick the human-review items, then approves.
        var reviewer = await SignedInAsync("reviewer-1");
        await reviewer.GotoAsync("/ui/review");
        await reviewer.ClickAsync($"a[href='/ui/review/{id}']");
        Assert.Contains("右上角疑似水印", await reviewer.TextContentAsync("table.findings"));
        await reviewer.ClickAsync("#approve");
        Assert.StartsWith("P1", await reviewer.TextContentAsync("#error"));
        await Chromium.ScreenshotAsync(reviewer, "review-checklist-refused");
        await reviewer.CheckAsync("#check-V6");
        await reviewer.ClickAsync("#approve");
        await Assertions.Expect(reviewer.Locator("#review-state")).ToHaveTextAsync("已通过审核"); // on the page the approval leads to
        var (_, reviewed) = await service.Bus.WaitForAsync<EntryReviewed>(r => r.EntryId == id);
        Assert.True(reviewed.Approved);

        // J1: three judges (the test campaign's minimum) sign in from their invitations; one on a tablet.
        var first = await JudgeFromInvitationAsync("clip", "张评委");
        var second = await JudgeFromInvitationAsync("clip", "李评委");
        var third = await JudgeFromInvitationAsync("clip", "王评委", tablet: true);

        // The first judge opens the work and plays it; seeking is served by range requests.
        var mediaStatuses = new List<int>();
        first.Response += (_, response) => { if (response.Url.Contains("/ui/media/")) mediaStatuses.Add(response.Status); };
        await first.ClickAsync($"a[href='/ui/judge/entries/{id}']");
        await first.WaitForSelectorAsync("#player");
        await first.EvaluateAsync("() => document.getElementById('player').play()");
        await first.WaitForFunctionAsync("() => document.getElementById('player').currentTime > 0.5");
        await first.EvaluateAsync("() => { const p = document.getElementById('player'); p.pause(); p.currentTime = 6; }");
        await first.WaitForFunctionAsync("() => { const p = document.getElementById('player'); return !p.seeking && p.currentTime >= 6 && p.readyState >= 2; }");
        Assert.Contains(206, mediaStatuses);

        // Blind: neither the organization nor the submitter is on the page.
        var html = await first.ContentAsync();
        Assert.DoesNotContain("city-b", html);
        Assert.DoesNotContain("B市总工会", html);
        Assert.DoesNotContain("worker-1", html);

        // J2 by keyboard: Enter saves a draft, Ctrl+Enter submits.
        await first.FillAsync("#comment", "画面生动，主题鲜明");
        await first.FillAsync("#score", "86.5");
        await first.PressAsync("#score", "Enter");
        await first.WaitForSelectorAsync("#notice");
        Assert.Equal("86.5", await first.InputValueAsync("#score"));
        await Chromium.ScreenshotAsync(first, "judge-scoring");
        await first.PressAsync("#score", "Control+Enter");
        await first.WaitForSelectorAsync("#my-score");
        Assert.Equal("86.5", await first.TextContentAsync("#my-score"));

        // The second judge does not see the first judge's score.
        await second.GotoAsync($"/ui/judge/entries/{id}");
        Assert.Equal("", await second.InputValueAsync("#score"));
        Assert.DoesNotContain("86.5", await second.ContentAsync());

        // An unassigned judge and an anonymous visitor are refused, the page and the media alike.
        var outsider = await SignedInAsync("judge-5");
        Assert.Equal(404, (await outsider.GotoAsync($"/ui/judge/entries/{id}"))!.Status);
        Assert.Equal(404, (await outsider.GotoAsync($"/ui/media/{id}/{service.Video.Sha256}"))!.Status);
        var anonymous = await NewPageAsync();
        await anonymous.GotoAsync($"/ui/judge/entries/{id}");
        Assert.Contains("/ui/signin", anonymous.Url);
        await anonymous.GotoAsync($"/ui/media/{id}/{service.Video.Sha256}");
        Assert.Contains("/ui/signin", anonymous.Url);

        // The other two submit; the last submission judges the work.
        foreach (var (judge, score) in new[] { (second, "70"), (third, "90") })
        {
            await judge.GotoAsync($"/ui/judge/entries/{id}");
            await judge.FillAsync("#score", score);
            await judge.ClickAsync("#submit");
            await judge.WaitForSelectorAsync("#my-score");
        }
        await Chromium.ScreenshotAsync(third, "judge-tablet-submitted");
        var (_, judged) = await service.Bus.WaitForAsync<EntryJudged>(j => j.EntryId == id);
        Assert.Equal([86.5m, 70m, 90m], judged.Scores.Select(s => s.Score));
        Assert.Equal(86.5m, judged.JudgesScore); // the test campaign's trimmed mean

        // The organizer watches progress and closes judging; now the judges see the panel's scores.
        var organizer = await SignedInAsync("organizer");
        await organizer.GotoAsync("/ui/panels/test-2026/clip");
        Assert.Contains("3 / 3", await organizer.TextContentAsync($"tr[data-entry='{id}']"));
        await Chromium.ScreenshotAsync(organizer, "organizer-panel");
        organizer.Dialog += (_, dialog) => dialog.AcceptAsync();
        await organizer.ClickAsync("#close-judging");
        await organizer.WaitForSelectorAsync("#closed");
        await service.Bus.WaitForAsync<JudgingClosed>(c => c.CategoryId == "clip" && c.JudgedEntries.Contains(id));
        await first.GotoAsync($"/ui/judge/entries/{id}");
        Assert.Equal("86.5 · 70 · 90", await first.TextContentAsync("#panel-scores"));
    }

    [Fact]
    public async Task Conflicts_a_judge_of_the_entrys_organization_never_sees_it_and_a_declared_conflict_hands_it_to_the_others()
    {
        var id = await service.CheckedEntryAsync("story", "city-c", "守护炉火三十年", "三十年如一日，他守护着高炉的火焰，也守护着年轻人的梦想。");
        (await service.ClientAs(Users.Reviewer).PostAsJsonAsync($"/review/{id}", new { approved = true, @checked = new[] { "S4" } })).EnsureSuccessStatusCode();

        var colleague = await JudgeFromInvitationAsync("story", "陈评委", organization: "city-c");
        var careful = await JudgeFromInvitationAsync("story", "赵评委");
        var third = await JudgeFromInvitationAsync("story", "孙评委");

        // The judge from city-c is never given the city's entry.
        Assert.Equal(0, await colleague.Locator($"a[href='/ui/judge/entries/{id}']").CountAsync());
        Assert.Equal(404, (await colleague.GotoAsync($"/ui/judge/entries/{id}"))!.Status);

        // Another judge reads the story and declares a conflict: the work leaves their list.
        await careful.GotoAsync($"/ui/judge/entries/{id}");
        Assert.Contains("高炉的火焰", await careful.TextContentAsync("#story"));
        await careful.ClickAsync("details.conflict summary");
        await careful.FillAsync("#reason", "作者是我的学生");
        await careful.ClickAsync("#declare-conflict");
        await careful.WaitForSelectorAsync("#my-judging");
        Assert.Equal(0, await careful.Locator($"a[href='/ui/judge/entries/{id}']").CountAsync());
        Assert.Equal(1, await third.Locator($"a[href='/ui/judge/entries/{id}']").CountAsync());

        // One judge left of a minimum of three: the organizers see the entry flagged, in either language.
        var organizer = await SignedInAsync("organizer");
        await organizer.GotoAsync("/ui/panels/test-2026/story?lang=en");
        var row = organizer.Locator($"tr[data-entry='{id}']");
        Assert.Equal(1, await row.Locator(".understaffed").CountAsync());
        Assert.Contains("Too few judges", await row.TextContentAsync());
        await Chromium.ScreenshotAsync(organizer, "organizer-understaffed-en");

        // J1: the organizer removes a judge; they are no longer on the panel.
        organizer.Dialog += (_, dialog) => dialog.AcceptAsync();
        await organizer.Locator("#judges tr", new() { HasText = "陈评委" }).Locator("button").ClickAsync();
        await Assertions.Expect(organizer.Locator("#judges")).Not.ToContainTextAsync("陈评委");
        await colleague.GotoAsync("/ui/judge");
        Assert.Equal(0, await colleague.Locator("section.panel").CountAsync());
    }
}
