using Campaign.Contracts.Awards;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.Submission;

namespace Campaign.Awards.Allocation;

/// <summary>
/// Everything one category's awards depend on, folded from its stream. The events may arrive in
/// any order; awards are allocated once both judging and engagement are closed and every entry
/// they list has its figures here.
/// </summary>
public sealed record CategoryResults(
    IReadOnlyDictionary<Guid, EntryJudged> Judged,
    IReadOnlyDictionary<Guid, EngagementScored> Engagement,
    IReadOnlySet<Guid> Disqualified,
    JudgingClosed? JudgingClosed,
    EngagementClosed? EngagementClosed,
    AwardsAllocated? Allocated)
{
    public static readonly CategoryResults Empty =
        new(new Dictionary<Guid, EntryJudged>(), new Dictionary<Guid, EngagementScored>(), new HashSet<Guid>(), null, null, null);

    public static CategoryResults From(IEnumerable<object> events) => events.Aggregate(Empty, (state, e) => state.Apply(e));

    public CategoryResults Apply(object @event) => @event switch
    {
        EntryJudged e => this with { Judged = new Dictionary<Guid, EntryJudged>(Judged) { [e.EntryId] = e } },
        EngagementScored e => this with { Engagement = new Dictionary<Guid, EngagementScored>(Engagement) { [e.EntryId] = e } },
        EntryDisqualified e => this with { Disqualified = new HashSet<Guid>(Disqualified) { e.EntryId } },
        JudgingClosed e => this with { JudgingClosed = e },
        EngagementClosed e => this with { EngagementClosed = e },
        AwardsAllocated e => this with { Allocated = e },
        _ => this,
    };

    public bool ReadyToAllocate =>
        Allocated is null
        && JudgingClosed is { } judging && EngagementClosed is { } engagement
        && judging.JudgedEntries.All(Judged.ContainsKey)
        && engagement.ScoredEntries.All(Engagement.ContainsKey);
}
