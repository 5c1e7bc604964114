using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;
using Campaign.Judging.Entries;
using Campaign.TestSupport;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Campaign.Judging.IntegrationTests;

/// <summary>An entry's facts come over the bus in whatever order; every one is kept and the stored entry is the same.</summary>
public sealed class HearingFactsInAnyOrder(JudgingFixture service) : IClassFixture<JudgingFixture>
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow;

    private static MediaReference[] Files(string sha) => [new(MediaRoles.Work, sha, 1, sha + ".mp4")];
    private static EntrySubmitted Submitted(Guid id, string sha) => new(id, "test-2026", "clip", "标题", "city-c", "individual", "worker-1", null, Files(sha), T0);
    private static MediaChecked Check(Guid id, string sha, Verdict verdict, DateTimeOffset at) => new(id, "test-2026", "clip", verdict, [], at, [sha]);

    /// <summary>The entry once its stream holds that many facts.</summary>
    private async Task<JudgingEntry> AfterFacts(Guid id, int facts)
    {
        var store = service.Services.GetRequiredService<IDocumentStore>();
        return await Eventually.GetAsync(async () =>
        {
            await using var session = store.QuerySession();
            return (await session.Events.FetchStreamStateAsync(id))?.Version == facts ? await session.LoadAsync<JudgingEntry>(id) : null;
        }, $"{facts} facts in the entry's stream", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_verdict_on_the_new_files_heard_before_their_replacement_applies_and_the_stale_one_heard_last_does_not()
    {
        var id = Guid.CreateVersion7();
        await service.Bus.PublishAsync(Check(id, "b", Verdict.NeedsReview, T0.AddMinutes(6)), Guid.NewGuid());
        await service.Bus.PublishAsync(new EntryMediaChanged(id, "test-2026", "clip", Files("b"), "worker-1", T0.AddMinutes(5)), Guid.NewGuid());
        await service.Bus.PublishAsync(Submitted(id, "a"), Guid.NewGuid());
        await service.Bus.PublishAsync(Check(id, "a", Verdict.Passed, T0.AddMinutes(1)), Guid.NewGuid());

        var entry = await AfterFacts(id, 4);
        Assert.Equal("b", Assert.Single(entry.Media!).Sha256);
        Assert.Equal((Verdict.NeedsReview, ReviewState.AwaitingReview), (entry.MediaVerdict, entry.Review));
    }

    [Fact]
    public async Task A_withdrawal_heard_before_the_entry_is_kept_and_the_entry_never_reaches_review()
    {
        var id = Guid.CreateVersion7();
        await service.Bus.PublishAsync(new EntryWithdrawn(id, "test-2026", "clip", "worker-1", T0), Guid.NewGuid());
        Assert.True((await AfterFacts(id, 1)).Excluded);
        await service.Bus.PublishAsync(Submitted(id, "a"), Guid.NewGuid());
        await service.Bus.PublishAsync(Check(id, "a", Verdict.Passed, T0.AddMinutes(1)), Guid.NewGuid());

        var entry = await AfterFacts(id, 3);
        Assert.Equal((id, "test-2026", "clip", true), (entry.Id, entry.CampaignId, entry.CategoryId, entry.Excluded));
        Assert.False(entry.AwaitingReview);
    }
}
