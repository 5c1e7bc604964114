using System.Net.Http.Json;
using Campaign.TestSupport;

namespace Campaign.Judging.UiTests;

/// <summary>With media in an S3-compatible bucket, the judge's browser plays the work straight from
/// the bucket through a signed address, seeking with range requests; the service only decides who may.</summary>
public sealed class PlayingFromTheBucket(JudgingUiFixture.OnS3 service) : IClassFixture<JudgingUiFixture.OnS3>
{
    [Fact]
    public async Task A_judge_plays_and_seeks_a_video_served_by_the_bucket()
    {
        var id = await service.CheckedEntryAsync("clip", "city-a", "炉前十年");
        (await service.ClientAs(Users.Reviewer).PostAsJsonAsync($"/review/{id}", new { approved = true, @checked = new[] { "V6" } })).EnsureSuccessStatusCode();
        (await service.ClientAs(Users.Organizer).PutAsJsonAsync("/panels/test-2026/clip",
            new { judges = new[] { new { id = "judge-1" }, new { id = "judge-2" }, new { id = "judge-3" } } })).EnsureSuccessStatusCode();

        var judge = await service.Chromium.SignedInAsync(service.ServerAddress, "judge-1");
        var fromBucket = new List<int>();
        var redirected = false;
        judge.Response += (_, response) =>
        {
            if (response.Url.Contains("/ui/media/") && response.Status == 302) redirected = true;
            if (response.Url.StartsWith(service.S3.Options.ServiceUrl)) lock (fromBucket) fromBucket.Add(response.Status);
        };
        await judge.GotoAsync($"/ui/judge/entries/{id}");
        await judge.EvaluateAsync("() => document.getElementById('player').play()");
        await judge.WaitForFunctionAsync("() => document.getElementById('player').currentTime > 0.5");
        await judge.EvaluateAsync("() => { const p = document.getElementById('player'); p.pause(); p.currentTime = 6; }");
        await judge.WaitForFunctionAsync("() => { const p = document.getElementById('player'); return !p.seeking && p.currentTime >= 6 && p.readyState >= 2; }");

        Assert.True(redirected);
        lock (fromBucket) Assert.Contains(206, fromBucket);

        // Another judge of no panel gets no signed address.
        var outsider = await service.Chromium.SignedInAsync(service.ServerAddress, "judge-6");
        Assert.Equal(404, (await outsider.GotoAsync($"/ui/media/{id}/{service.Video.Sha256}"))!.Status);
    }
}
