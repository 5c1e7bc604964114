using Campaign.Awards.Certificates;
using Campaign.Contracts.Awards;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.Submission;

namespace Campaign.Awards.Allocation;

/// <summary>
/// Everything one category's awards depend on, folded from its stream. The events may arrive in
/// any order; awards are allocated once both judging and engagement are closed and every entry
/// they list that is still in the campaign has its figures here, and allocated again whenever an
/// entry of the latest allocation is excluded (C1), or its engagement score changed since because
/// an excluded entry left the category's scaling — so the latest allocation is the same function of
/// the facts in every order. Of an entry's scores and of the closings, the highest revision is in
/// force, whichever arrived last; an entry a closing names as having left is excluded.
/// </summary>
public sealed record CategoryResults(
    IReadOnlyDictionary<Guid, EntryJudged> Judged,
    IReadOnlyDictionary<Guid, EngagementScored> Engagement,
    IReadOnlySet<Guid> Excluded,
    JudgingClosed? JudgingClosed,
    EngagementClosed? EngagementClosed,
    IReadOnlyList<AwardsAllocated> Allocations,
    IReadOnlyDictionary<Guid, EntryListed> Listed,
    IReadOnlyList<ResultsSealed> Seals)
{
    public static readonly CategoryResults Empty =
        new(new Dictionary<Guid, EntryJudged>(), new Dictionary<Guid, EngagementScored>(), new HashSet<Guid>(), null, null, [],
            new Dictionary<Guid, EntryListed>(), []);

    public static CategoryResults From(IEnumerable<object> events) => events.Aggregate(Empty, (state, e) => state.Apply(e));

    /// <summary>A3: the category's certificates.</summary>
    public CategoryCertificates Certificates { get; init; } = CategoryCertificates.None;

    /// <summary>The seal of the allocation in force.</summary>
    public ResultsSealed? Seal => Allocated is { } a ? Seals.LastOrDefault(s => s.AllocationId == a.AllocationId) : null;

    /// <summary>The allocation in force: the last one made.</summary>
    public AwardsAllocated? Allocated => Allocations.Count > 0 ? Allocations[^1] : null;

    public CategoryResults Apply(object @event) => @event switch
    {
        EntryJudged e => this with { Judged = new Dictionary<Guid, EntryJudged>(Judged) { [e.EntryId] = e } },
        EngagementScored e when !(Engagement.GetValueOrDefault(e.EntryId)?.Revision > e.Revision) =>
            this with { Engagement = new Dictionary<Guid, EngagementScored>(Engagement) { [e.EntryId] = e } },
        EntryDisqualified e => Exclude(e.EntryId),
        EntryWithdrawn e => Exclude(e.EntryId),
        JudgingClosed e => this with { JudgingClosed = e },
        EngagementClosed e => ExcludeWhoLeft(e) with { EngagementClosed = EngagementClosed?.Revision > e.Revision ? EngagementClosed : e },
        AwardsAllocated e => this with { Allocations = [.. Allocations, e] },
        EntryListed e => this with { Listed = new Dictionary<Guid, EntryListed>(Listed) { [e.EntryId] = e } },
        ResultsSealed e => this with { Seals = [.. Seals, e] },
        CertificatesRequested or CertificateIssued or CertificateSuperseded => this with { Certificates = Certificates.Apply(@event) },
        _ => this,
    };

    private CategoryResults Exclude(Guid entryId) =>
        Excluded.Contains(entryId) ? this : this with { Excluded = new HashSet<Guid>(Excluded) { entryId } };

    /// <summary>C1: who left engagement's scaling was withdrawn or disqualified, whichever of the two services told awards first.</summary>
    private CategoryResults ExcludeWhoLeft(EngagementClosed e) => (e.Left ?? []).Aggregate(this, (state, id) => state.Exclude(id));

    /// <summary>The entries that are ranked: judged when judging closed, and not excluded since.</summary>
    public IEnumerable<Guid> Contenders => JudgingClosed?.JudgedEntries.Where(id => !Excluded.Contains(id)) ?? [];

    /// <summary>The entry's E1 score, if engagement scored it when it closed.</summary>
    public decimal EngagementOf(Guid entryId) =>
        EngagementClosed is { } closed && closed.ScoredEntries.Contains(entryId) && Engagement.TryGetValue(entryId, out var e) ? e.Score : 0m;

    /// <summary>
    /// Both closings are here with the figures of every entry still in the campaign — the scores of
    /// the closing's revision for those it rescored, and no score of a revision whose closing has not
    /// arrived (a rescaling is taken whole, not entry by entry) — and either nothing is allocated yet
    /// or an entry of the latest allocation has been excluded or rescored since.
    /// </summary>
    public bool ReadyToAllocate =>
        JudgingClosed is not null && EngagementClosed is { } engagement
        && Contenders.All(Judged.ContainsKey)
        && engagement.ScoredEntries.Where(id => !Excluded.Contains(id)).All(Engagement.ContainsKey)
        && (engagement.Rescored ?? []).Where(id => !Excluded.Contains(id)).All(id => Engagement.GetValueOrDefault(id)?.Revision >= engagement.Revision)
        && Engagement.Values.All(s => s.Revision <= engagement.Revision)
        && (Allocated is not { } latest || latest.Results.Any(r => Excluded.Contains(r.EntryId) || r.EngagementScore != EngagementOf(r.EntryId)));
}
