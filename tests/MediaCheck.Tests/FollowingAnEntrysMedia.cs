using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;
using Campaign.MediaCheck.Checks;
using CsCheck;

namespace Campaign.MediaCheck.Tests;

/// <summary>What the media check knows of an entry, from facts that come late, twice or out of order.</summary>
public sealed class FollowingAnEntrysMedia
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2021-05-20T02:00:00Z");
    private static readonly Guid Id = Guid.NewGuid();

    private static MediaReference File(string sha, string role = MediaRoles.Work, string? caption = null) => new(role, sha, 10, sha + ".mp4", caption);

    private static EntrySubmitted Submitted(params MediaReference[] media) =>
        new(Id, "media-2026", "video", "t", "city-m", "individual", "w", "故事", media, T0);

    private static EntryMediaChanged Changed(int minutes, params MediaReference[] media) =>
        new(Id, "media-2026", "video", media, "w", T0.AddMinutes(minutes));

    private static MediaChecked CheckOf(params string[]? media) =>
        new(Id, "media-2026", "video", Verdict.Passed, [], T0, media);

    [Fact]
    public void A_submission_is_due_for_a_check_of_its_files_until_a_verdict_names_them()
    {
        var entry = EntryMedia.Fold([Submitted(File("a"))]);
        Assert.Equal(["a"], entry.Due!.Media.Select(m => m.Sha256));
        Assert.Null(entry.Then(CheckOf("a")).Due);
        Assert.NotNull(entry.Then(CheckOf("b")).Due);
    }

    [Fact]
    public void A_replacement_heard_before_the_submission_is_checked_with_the_submission_once_it_arrives()
    {
        var entry = EntryMedia.Fold([Changed(5, File("b"))]);
        Assert.Null(entry.Due);
        var due = entry.Then(Submitted(File("a"))).Due!;
        Assert.Equal(["b"], due.Media.Select(m => m.Sha256));
        Assert.Equal("故事", due.StoryText);
    }

    [Fact]
    public void The_newest_replacement_wins_in_any_order_and_an_older_one_arriving_late_asks_for_no_check()
    {
        object[] facts = [Submitted(File("a")), Changed(5, File("b")), Changed(9, File("c")), Changed(7, File("d"))];
        foreach (var order in Permutations(facts))
            Assert.Equal(["c"], EntryMedia.Fold(order).Due!.Media.Select(m => m.Sha256));
        var checkedNewest = EntryMedia.Fold([Submitted(File("a")), Changed(9, File("c")), CheckOf("c")]);
        Assert.Null(checkedNewest.Then(Changed(5, File("b"))).Due);
        Assert.Null(checkedNewest.Then(Submitted(File("a"))).Due); // the submission heard again
    }

    [Fact]
    public void A_replacement_of_a_caption_only_is_checked_again() =>
        Assert.NotNull(EntryMedia.Fold([Submitted(File("p", MediaRoles.WorkPhoto)), CheckOf("p"), Changed(1, File("p", MediaRoles.WorkPhoto, "张三"))]).Due);

    [Fact]
    public void A_verdict_from_before_verdicts_named_their_files_counts_for_the_files_the_entry_had() =>
        Assert.Null(EntryMedia.Fold([Submitted(File("a")), CheckOf(null)]).Due);

    [Fact]
    public void A_verdict_names_the_files_it_judged_the_photos_of_a_story_and_none_for_an_entry_without_files()
    {
        var story = Submitted(File("w", MediaRoles.WorkPhoto, "张三"), File("x", MediaRoles.AwardPhoto, "张三"));
        Assert.Equal(["w", "x"], MediaCheckDecision.Decide(story, [], T0).Media!);
        Assert.Equal([], MediaCheckDecision.Decide(Submitted(), [], T0).Media!);
    }

    private static IEnumerable<object[]> Permutations(object[] items) =>
        items.Length <= 1 ? [items] : items.SelectMany((x, i) => Permutations([.. items[..i], .. items[(i + 1)..]]).Select(rest => (object[])[x, .. rest]));

    [Fact]
    public void Every_order_of_a_submission_and_its_replacements_with_duplicates_is_due_for_the_newest_files_once() =>
        (from changes in Gen.Int[0, 4]
         from gaps in Gen.Int[1, 600].Array[changes]
         from duplicates in Gen.Bool.Array[changes + 1]
         from seed in Gen.Int
         select (changes, gaps, duplicates, seed)).Sample(t =>
        {
            var facts = new List<object> { Submitted(File("s")) };
            for (int i = 0, at = 0; i < t.changes; i++) facts.Add(Changed(at += t.gaps[i], File($"c{i}")));
            var newest = t.changes == 0 ? "s" : $"c{t.changes - 1}";
            var random = new Random(t.seed);
            var arrivals = facts.Concat(facts.Where((_, i) => t.duplicates[i])).OrderBy(_ => random.Next()).ToList();

            var due = EntryMedia.Fold(arrivals).Due;
            var checkedOnce = EntryMedia.Fold([.. arrivals, CheckOf(newest)]).Due;
            return due is not null && due.Media.Single().Sha256 == newest && due.StoryText == "故事" && checkedOnce is null;
        });
}
