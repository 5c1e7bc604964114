using Campaign.Campaigns;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.Submission;
using Campaign.Engagement.Entries;
using Campaign.Engagement.Figures;

namespace Campaign.Engagement.Tests;

/// <summary>
/// The entry's stored document is its stream folded without the snapshots (they are rows of their own), so a
/// batch of snapshots rewrites no document; the stream folded whole by <see cref="EngagementEntry"/> is still the record.
/// </summary>
public sealed class StoringEntries
{
    private static readonly CampaignDefinition Liaoning = CampaignCatalog.LoadDefault();
    private static readonly DateTimeOffset Day1 = DateTimeOffset.Parse("2021-06-01T12:00:00+08:00");
    private static readonly Guid Id = Guid.CreateVersion7();

    private static readonly object[] Stream =
    [
        new EntryPublished(Id, Liaoning.Id, "video", "union-website", "https://x", "o", Day1),
        new FiguresReported(Id, "union-website", new Dictionary<string, long> { ["views"] = 100 }, "feed", Day1.AddHours(1)),
        new FiguresExcluded(Id, "union-website", "growth", Day1.AddHours(1), "bought views", "organizer", Day1.AddHours(2)),
        new FiguresReported(Id, "union-website", new Dictionary<string, long> { ["views"] = 300 }, "feed", Day1.AddHours(3)),
        new EntryWithdrawn(Id, Liaoning.Id, "video", "submitter", Day1.AddHours(4)),
    ];

    private static EngagementEntry Fold(IEnumerable<object> events) =>
        events.Skip(1).Aggregate(EngagementEntry.Create((EntryPublished)Stream[0]), (entry, e) => e switch
        {
            EntryPublished x => entry.Apply(x), FiguresReported x => entry.WithSnapshot(x), FiguresExcluded x => entry.Apply(x),
            EntryWithdrawn x => entry.Apply(x), EntryDisqualified x => entry.Apply(x), EngagementScored x => entry.Apply(x),
            _ => throw new ArgumentOutOfRangeException(nameof(events)),
        });

    [Fact]
    public void Given_an_entrys_stream_When_it_is_folded_Then_the_snapshots_are_in_it_in_time_order()
    {
        var whole = Fold(Stream);
        Assert.Equal([100L, 300L], whole.Snapshots.Select(s => s.Figures["views"]));
        Assert.True(whole.Excluded);
        Assert.Equal("growth", whole.Exclusions!.Single().Signal);
    }

    /// <summary>Marten folds the conventional Create/Apply methods into the stored document inline: none may take a snapshot,
    /// or every batch would rewrite the document of every entry it touches.</summary>
    [Fact]
    public void Given_the_stored_document_When_Marten_looks_for_its_methods_Then_none_folds_a_snapshot() =>
        Assert.DoesNotContain(typeof(EngagementEntry).GetMethods(), m => m.Name is "Apply" or "Create" or "Evolve"
            && m.GetParameters().Any(p => p.ParameterType == typeof(FiguresReported)));

    [Fact]
    public void E1_a_moment_finer_than_a_microsecond_is_kept_to_the_microsecond_so_the_same_snapshot_posted_again_is_nothing_new()
    {
        var entry = EngagementEntry.Create((EntryPublished)Stream[0]);
        var at = Day1.AddHours(1).AddTicks(7);
        var request = new FiguresRequest(new Dictionary<string, long> { ["views"] = 100 }, at);
        var now = DateTimeOffset.Parse("2021-07-01T00:00:00Z");

        var recorded = FiguresDecision.Decide(Liaoning, entry, "union-website", request, "feed", now)!;
        Assert.Equal(at.AddTicks(-7), recorded.ReportedAt);
        Assert.Null(FiguresDecision.Decide(Liaoning, entry.WithSnapshot(recorded), "union-website", request, "feed", now));
    }

}
