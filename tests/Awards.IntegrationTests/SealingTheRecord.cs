using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Campaign.Contracts.Awards;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.Submission;
using Campaign.TestSupport;
using Npgsql;

namespace Campaign.Awards.IntegrationTests;

/// <summary>
/// The end of a category as organizers and the public see it: the table with every component,
/// the CSV, the announcement without sign-in, A5's ranking, and the sealed record — intact as
/// recorded, verifiable offline from its export, and broken by any change made after sealing.
/// </summary>
public sealed class SealingTheRecord(AwardsFixture service) : IClassFixture<AwardsFixture>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private async Task<(List<Guid> Ids, AwardsAllocated Allocated)> AllocateStoriesAsync()
    {
        // The test campaign's "story": one gold, two silvers, no cap. Entries arrive with their authors (A3).
        var ids = Enumerable.Range(0, 4).Select(_ => Guid.CreateVersion7()).ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            var org = i % 2 == 0 ? "city-b" : "rail";
            await service.Bus.PublishAsync(new EntrySubmitted(ids[i], "test-2026", "story", $"故事{i}", org, "organization", "admin", "……", [], Now,
                [$"劳模{i}"]), Guid.NewGuid());
            await service.Bus.PublishAsync(new EntryJudged(ids[i], "test-2026", "story", org,
                [new JudgeScore("judge-1", 90 - i * 5), new JudgeScore("judge-2", 80 - i * 5)], 85 - i * 5, "mean", Now), Guid.NewGuid());
            await service.Bus.PublishAsync(new EngagementScored(ids[i], "test-2026", "story", new Dictionary<string, long> { ["views"] = 10 * i }, 20 + i, "test-linear-v1", Now), Guid.NewGuid());
        }
        await service.Bus.PublishAsync(new JudgingClosed("test-2026", "story", ids, "o", Now), Guid.NewGuid());
        await service.Bus.PublishAsync(new EngagementClosed("test-2026", "story", ids, "o", Now, "test-linear-v1"), Guid.NewGuid());
        var (_, allocated) = await service.Bus.WaitForAsync<AwardsAllocated>(a => a.CategoryId == "story" && a.Results.Any(r => r.EntryId == ids[0]));
        return (ids, allocated);
    }

    [Fact]
    public async Task J3_A1_A2_A5_the_results_the_export_and_the_announcement_then_a_score_changed_after_sealing_is_seen()
    {
        var (ids, allocated) = await AllocateStoriesAsync();
        var organizer = service.ClientAs(Users.Organizer);

        // The table: every component, and the titles and authors the submission gave.
        // (The entries' listings queue beside the scores, so they may land after the allocation.)
        var table = JsonDocument.Parse(await Eventually.GetAsync(async () =>
            await organizer.GetStringAsync("/results/test-2026/story/table") is var t && ids.Select((_, i) => $"故事{i}").All(t.Contains) ? t : null,
            "the table with every title")).RootElement;
        var first = table.GetProperty("rows")[0];
        Assert.Equal(("故事0", "劳模0", "gold"), (first.GetProperty("title").GetString(), first.GetProperty("authors")[0].GetString(), first.GetProperty("tierId").GetString()));
        Assert.Equal([90m, 80m], first.GetProperty("judgeScores").EnumerateArray().Select(s => s.GetProperty("score").GetDecimal()));
        Assert.Equal("test-linear-v1", table.GetProperty("formulaVersion").GetString());

        var csv = await organizer.GetAsync("/results/test-2026/story/table.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Contains("故事0,劳模0,city-b,B市总工会", await csv.Content.ReadAsStringAsync());

        // The announcement needs no sign-in and names no judge.
        var announcement = await service.ClientAs(null).GetAsync("/public/results/test-2026/story");
        Assert.Equal(HttpStatusCode.OK, announcement.StatusCode);
        var published = await announcement.Content.ReadAsStringAsync();
        Assert.Contains("劳模0", published);
        Assert.DoesNotContain("judge-1", published);
        Assert.Equal(HttpStatusCode.NotFound, (await service.ClientAs(null).GetAsync("/public/results/test-2026/clip")).StatusCode);

        // A5 over the campaign: provisional while "clip" is not allocated.
        var units = await organizer.GetFromJsonAsync<JsonElement>("/results/test-2026/organizations");
        Assert.False(units.GetProperty("final").GetBoolean());
        Assert.Equal("city-b", units.GetProperty("standings")[0].GetProperty("organizationId").GetString());

        // The seal holds, and the exported record verifies offline with jq and sha256sum.
        var seal = await organizer.GetFromJsonAsync<JsonElement>("/results/test-2026/story/seal");
        Assert.True(seal.GetProperty("intact").GetBoolean());
        var record = await organizer.GetStringAsync("/results/test-2026/story/record");
        var (status, output) = await VerifyOfflineAsync(record);
        Assert.True(status == 0, output);
        Assert.Contains(table.GetProperty("sealDigest").GetString()!, output);

        // An export whose score was edited does not verify.
        var edited = JsonNode.Parse(record)!;
        var line = edited["lines"]!.AsArray().First(l => (string)l!["type"]! == nameof(EntryJudged))!;
        line["data"] = ((string)line["data"]!).Replace("\"judgesScore\":", "\"judgesScore\":1");
        Assert.Equal(1, (await VerifyOfflineAsync(edited.ToJsonString())).Status);

        // A stored score changed in the database after sealing breaks the seal and the recomputation.
        await using (var connection = new NpgsqlConnection(service.Database))
        {
            await connection.OpenAsync();
            await using var update = new NpgsqlCommand(
                "update awards.mt_events set data = jsonb_set(data, '{JudgesScore}', '99.5') where data->>'EntryId' = @id and type = 'entry_judged'", connection);
            update.Parameters.AddWithValue("id", ids[3].ToString());
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }
        seal = await organizer.GetFromJsonAsync<JsonElement>("/results/test-2026/story/seal");
        Assert.False(seal.GetProperty("intact").GetBoolean());
        var verification = await organizer.GetFromJsonAsync<JsonElement>("/results/test-2026/story/verification");
        Assert.False(verification.GetProperty("identical").GetBoolean());
        Assert.Equal(allocated.AllocationId, verification.GetProperty("stored").GetProperty("allocationId").GetGuid());
    }

    [Fact]
    public async Task Results_are_for_organizers_and_operators_only_and_an_unallocated_category_is_a_clear_404()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await service.ClientAs(Users.Judge(1)).GetAsync("/results/test-2026/story/table")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.ClientAs(null).GetAsync("/results/test-2026/story/record")).StatusCode);
        var missing = await service.ClientAs(Users.Organizer).GetAsync("/results/test-2026/clip/seal");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
    }

    private static async Task<(int Status, string Output)> VerifyOfflineAsync(string record)
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, record);
        using var process = Process.Start(new ProcessStartInfo("bash", [Path.Combine(Tools.RepositoryRoot(), "scripts", "verify-results.sh"), file])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        File.Delete(file);
        return (process.ExitCode, output);
    }
}
