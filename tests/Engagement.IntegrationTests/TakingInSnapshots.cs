using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Campaign.Campaigns;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Engagement.Closing;
using Campaign.Engagement.Snapshots;
using Campaign.TestSupport;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Campaign.Engagement.IntegrationTests;

/// <summary>E1 through the API: feeds' batches, spreadsheets, flags and exclusions, and scores recomputed from the log.</summary>
public sealed class TakingInSnapshots(EngagementFixture service) : IClassFixture<EngagementFixture>
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddHours(-12);

    private async Task<Guid> PublishedAsync(string category, string platform, string url)
    {
        var id = Guid.CreateVersion7();
        await service.Bus.PublishAsync(new EntryPublished(id, "test-2026", category, platform, url, "o", DateTimeOffset.UtcNow), Guid.NewGuid());
        var organizer = service.ClientAs(Users.Organizer);
        await Eventually.GetAsync(async () => (await organizer.GetAsync($"/engagement/entries/{id}/figures")).IsSuccessStatusCode ? "" : null,
            "the publication reaching engagement");
        return id;
    }

    private static object Row(Guid? entry, int hour, long views, long likes = 0, string? url = null) =>
        new { entryId = entry, url, takenAt = Start.AddHours(hour), figures = new { views, likes } };

    private static async Task<BatchResult> PostAsync(HttpClient feed, params object[] rows)
    {
        var response = await feed.PostAsJsonAsync("/engagement/snapshots", new { snapshots = rows });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<BatchResult>())!;
    }

    /// <summary>
    /// As two replicas would: the snapshot's key lets one of the racers record the moment; the others fail whole, decide again
    /// and are refused. The log holds every snapshot recorded, once: the table is its index, never more than it.
    /// </summary>
    [Fact]
    public async Task E1_batches_racing_to_record_different_figures_for_the_same_moment_record_one_and_refuse_the_others()
    {
        var a = await PublishedAsync("story", "site", "https://site.example/race");
        var site = service.ClientAs(Users.Feed("site"));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => PostAsync(site, Row(a, 3, 100 + i), Row(a, 4 + i, 1000))));

        Assert.Equal(1, results.Sum(r => r.Rows.Count(row => row.Row == 0 && row.Outcome == "recorded")));
        Assert.Equal(3, results.Sum(r => r.Rows.Count(row => row.Row == 0 && row.Outcome == "refused")));
        Assert.All(results, r => Assert.NotEqual("refused", r.Rows[1].Outcome));
        var figures = await service.ClientAs(Users.Organizer).GetFromJsonAsync<JsonElement>($"/engagement/entries/{a}/figures");
        Assert.Equal(5, figures.GetProperty("platforms")[0].GetProperty("snapshots").GetArrayLength());
        await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var logged = (await session.Events.QueryRawEventDataOnly<Entries.SnapshotsRecorded>().ToListAsync())
            .SelectMany(b => b.Snapshots).Where(s => s.EntryId == a).ToList();
        Assert.Equal(5, logged.Count);
        Assert.Equal(5, logged.Select(s => s.ReportedAt).Distinct().Count());
    }

    [Fact]
    public async Task E1_a_feed_posts_a_batch_with_a_result_per_row_and_the_same_batch_again_changes_nothing()
    {
        var a = await PublishedAsync("story", "site", "https://site.example/a");
        var elsewhere = await PublishedAsync("story", "video-app", "https://app.example/b");
        var site = service.ClientAs(Users.Feed("site"));

        object[] batch =
        [
            Row(a, 0, 100), Row(null, 1, 200, url: "https://site.example/a"), Row(a, 2, 150),   // by id, by address, a decreasing counter
            Row(elsewhere, 1, 999),                                                           // another platform's publication
            Row(Guid.NewGuid(), 1, 5),                                                        // no such publication
            new { entryId = a, figures = new { views = 1 } },                                 // no moment
        ];
        var first = await PostAsync(site, batch);
        Assert.Equal(["recorded", "recorded", "flagged", "refused", "refused", "refused"], first.Rows.Select(r => r.Outcome));
        Assert.Equal((2, 1, 0, 3), (first.Recorded, first.Flagged, first.Unchanged, first.Refused));
        Assert.Equal("E1", first.Rows[3].RuleId);
        Assert.Contains("“site”", first.Rows[3].Message ?? "");
        Assert.Contains("takenAt", first.Rows[5].Message ?? "");

        var again = await PostAsync(site, batch);
        Assert.Equal((0, 0, 3, 3), (again.Recorded, again.Flagged, again.Unchanged, again.Refused));

        // A snapshot is immutable: other figures for a recorded moment are refused.
        var changed = await PostAsync(site, Row(a, 0, 101));
        Assert.Equal(("refused", "E1"), (changed.Rows[0].Outcome, changed.Rows[0].RuleId));

        var figures = await service.ClientAs(Users.Organizer).GetFromJsonAsync<JsonElement>($"/engagement/entries/{a}/figures");
        var history = figures.GetProperty("platforms")[0];
        Assert.Equal(3, history.GetProperty("snapshots").GetArrayLength());
        Assert.Equal(200, history.GetProperty("counted").GetProperty("figures").GetProperty("views").GetInt64());
        Assert.Equal(HttpStatusCode.Forbidden, (await site.GetAsync($"/engagement/entries/{a}/figures")).StatusCode);
    }

    [Fact]
    public async Task E1_an_operator_uploads_a_spreadsheet_sees_its_progress_and_bad_rows_and_the_same_file_again_changes_nothing()
    {
        var a = await PublishedAsync("story", "site", "https://site.example/csv-a");
        var csv = new StringBuilder("url,takenAt,views,likes\n")
            .AppendLine($"https://site.example/csv-a,{Start:yyyy-MM-ddTHH:mm:ssZ},1.2万,30")
            .AppendLine($"https://site.example/csv-a,{Start.AddHours(1):yyyy-MM-ddTHH:mm:ssZ},\"13,000\",31")
            .AppendLine($"https://site.example/csv-a,not a date,5,1")
            .AppendLine($"https://site.example/nowhere,{Start:yyyy-MM-ddTHH:mm:ssZ},5,1")
            .AppendLine($"https://site.example/csv-a,{Start.AddHours(2):yyyy-MM-ddTHH:mm:ssZ},many,1")
            .AppendLine($"https://site.example/csv-a,9999-12-31,5,1") // the end of that day is past the last DateTime
            .AppendLine($"https://site.example/csv-a,{Start.AddHours(3):yyyy-MM-ddTHH:mm:ssZ},100000000000000000000000亿,1") // beyond a decimal
            .ToString();
        var operatorClient = service.ClientAs(Users.Operator);

        async Task<SnapshotImport> UploadAsync()
        {
            var response = await operatorClient.PostAsync("/engagement/test-2026/imports?platformId=site", new StringContent(csv, Encoding.UTF8, "text/csv"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var started = (await response.Content.ReadFromJsonAsync<SnapshotImport>())!;
            await service.Services.GetRequiredService<SnapshotImports>().WhenFinished(started.Id);
            return (await operatorClient.GetFromJsonAsync<SnapshotImport>(response.Headers.Location))!;
        }

        var import = await UploadAsync();
        Assert.Equal((SnapshotImport.Finished, 7, 7), (import.State, import.Rows, import.Done));
        Assert.Equal((2, 5), (import.Recorded, import.Refused));
        Assert.Equal([4, 5, 6, 7, 8], import.Errors.Select(e => e.Line));
        Assert.Contains("out of range", import.Errors[3].English);
        Assert.Contains("not a count", import.Errors[4].English);
        Assert.Contains("not a date", import.Errors[0].English);
        Assert.Equal("E1", import.Errors[1].RuleId);

        var again = await UploadAsync();
        Assert.Equal((import.Id, import.Recorded, import.FinishedAt), (again.Id, again.Recorded, again.FinishedAt));

        var figures = await service.ClientAs(Users.Organizer).GetFromJsonAsync<JsonElement>($"/engagement/entries/{a}/figures");
        Assert.Equal(13_000, figures.GetProperty("platforms")[0].GetProperty("counted").GetProperty("figures").GetProperty("views").GetInt64());
        Assert.Equal(HttpStatusCode.Forbidden, (await service.ClientAs(Users.Feed("site")).PostAsync("/engagement/test-2026/imports?platformId=site",
            new StringContent(csv, Encoding.UTF8, "text/csv"))).StatusCode);
    }

    [Fact]
    public async Task A_batch_over_1_MiB_and_a_spreadsheet_over_20_MiB_are_refused_before_a_byte_is_read()
    {
        // Each endpoint has its own bound (docs/operations.md, "Input the API accepts"); the rest of the API takes 64 KiB.
        var feed = service.ClientAs(Users.Feed("site"));
        var batch = JsonSerializer.Serialize(new { snapshots = new[] { new { url = "https://site.example/" + new string('x', 1024 * 1024), takenAt = Start, figures = new { views = 1 } } } });
        var tooBig = await feed.PostAsync("/engagement/snapshots", new StringContent(batch, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Equal("application/problem+json", tooBig.Content.Headers.ContentType?.MediaType);

        var justUnder = JsonSerializer.Serialize(new { snapshots = new[] { new { url = "https://site.example/" + new string('x', 70 * 1024), takenAt = Start, figures = new { views = 1 } } } });
        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, (await feed.PostAsync("/engagement/snapshots", new StringContent(justUnder, Encoding.UTF8, "application/json"))).StatusCode);

        var sheet = "url,takenAt,views,likes\n" + string.Concat(Enumerable.Repeat($"https://site.example/none,{Start:yyyy-MM-ddTHH:mm:ssZ},1,1\n", 21 * 1024 * 1024 / 40));
        var huge = await service.ClientAs(Users.Operator).PostAsync("/engagement/test-2026/imports?platformId=site", new StringContent(sheet, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal("application/problem+json", huge.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task E1_an_organizer_excludes_a_flagged_spike_with_a_reason_and_the_closing_scores_without_it_as_the_log_recomputes()
    {
        var works = new List<Guid>();
        for (var i = 0; i < 4; i++) works.Add(await PublishedAsync("clip", "site", $"https://site.example/clip-{i}"));
        var site = service.ClientAs(Users.Feed("site"));
        for (var i = 0; i < 4; i++)
        {
            var spike = i == 3 ? 60_000 : 0;
            // The spike brings likes in the usual proportion, so only its growth stands out.
            await PostAsync(site, Row(works[i], 0, 0, 0), Row(works[i], 1, 100, 5), Row(works[i], 2, 200 + spike, 10 + spike / 20), Row(works[i], 3, 300 + spike, 15 + spike / 20));
        }
        var organizer = service.ClientAs(Users.Organizer);
        var flags = await organizer.GetFromJsonAsync<JsonElement>("/engagement/test-2026/clip/flags");
        var flag = Assert.Single(flags.EnumerateArray());
        Assert.Equal((works[3].ToString(), "growth"), (flag.GetProperty("entryId").GetString(), flag.GetProperty("signal").GetString()));
        Assert.Equal(60_100, flag.GetProperty("evidence").GetProperty("views").GetDecimal());

        var noReason = await organizer.PostAsJsonAsync($"/engagement/entries/{works[3]}/exclusions", new { platformId = "site", signal = "growth", reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var unflagged = await organizer.PostAsJsonAsync($"/engagement/entries/{works[0]}/exclusions", new { platformId = "site", signal = "growth", reason = "x" });
        Assert.Equal(HttpStatusCode.Conflict, unflagged.StatusCode);
        (await organizer.PostAsJsonAsync($"/engagement/entries/{works[3]}/exclusions", new { platformId = "site", signal = "growth", reason = "集中刷量" }))
            .EnsureSuccessStatusCode();

        (await organizer.PostAsync("/engagement/test-2026/clip/close", null)).EnsureSuccessStatusCode();
        var scores = new Dictionary<Guid, EngagementScored>();
        foreach (var w in works) scores[w] = (await service.Bus.WaitForAsync<EngagementScored>(s => s.EntryId == w)).Message;
        // The spiked work counts its figures before the spike: 100 views, 5 likes → 110, below the others' 330.
        Assert.Equal(100, scores[works[3]].Figures["views"]);
        Assert.Equal(100m, scores[works[0]].Score);
        Assert.Equal(Math.Round(100m * 110 / 330, 2), scores[works[3]].Score);

        // Recomputed from the events stored in the log alone, the scores come out the same.
        await using var session = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var closed = (await session.Events.QueryRawEventDataOnly<EngagementClosed>().ToListAsync()).Single(c => c.CategoryId == "clip");
        var logged = (await session.Events.QueryRawEventDataOnly<EngagementScored>().ToListAsync()).Where(s => s.CategoryId == "clip").ToList();
        var formula = EngagementFormulaCalculator.AsRecorded(closed);
        var recomputed = EngagementFormulaCalculator.Scale(formula, logged.ToDictionary(s => s.EntryId, s => EngagementFormulaCalculator.Weighted(formula, s.Used!)));
        Assert.All(logged, s => Assert.Equal(s.Score, recomputed[s.EntryId]));
        Assert.Equal(works.Order(), logged.Select(s => s.EntryId).Order());
    }
}
