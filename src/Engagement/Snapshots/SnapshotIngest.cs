using System.Diagnostics.Metrics;
using Campaign.Campaigns;
using Campaign.Engagement.Entries;
using Campaign.Engagement.Figures;
using Marten;

namespace Campaign.Engagement.Snapshots;

/// <summary>One snapshot in a batch: the entry (or the publication's address on the platform), the moment, the figures.</summary>
public sealed record SnapshotRow(Guid? EntryId = null, string? Url = null, DateTimeOffset? TakenAt = null, IReadOnlyDictionary<string, long>? Figures = null);

/// <summary>
/// What became of one row: <c>recorded</c>; <c>flagged</c> (recorded, but a counter is lower than in an
/// earlier snapshot that counts, in the history as the whole batch leaves it, so it is not applied); <c>unchanged</c> (the same snapshot was already recorded); <c>refused</c>, with why.
/// </summary>
public sealed record RowOutcome(int Row, Guid? EntryId, string Outcome, Refusal? Refusal = null);

/// <summary>
/// E1: records a platform's snapshots in bulk — from a feed's batch, an operator's spreadsheet or a
/// connector alike. Each row is decided on its own (<see cref="FiguresDecision"/>) against the entry
/// as the rows before it left it, so a batch that repeats a row, or is sent twice, changes nothing
/// the second time. What a batch recorded is one <see cref="SnapshotsRecorded"/> event in a stream
/// of its own, and each snapshot a row of <see cref="SnapshotTable"/>, in one transaction. The
/// table's key (entry, platform, moment) is the only thing two writers can collide on: a batch that
/// raced another to the same moment fails whole and is decided again from the new state. Which
/// snapshots count is a pure function of the set (<see cref="Counting"/>), so no other order
/// between writers matters, and the entries' own streams are not touched by figures.
/// </summary>
public sealed class SnapshotIngest(IDocumentStore store, CampaignCatalog campaigns, TimeProvider clock, IMeterFactory meters)
{
    public const int MaxRows = 1000;
    public const string MeterName = "Campaign.Engagement";

    private readonly Counter<long> _snapshots = meters.Create(MeterName).CreateCounter<long>("campaign.engagement.snapshots", "{snapshot}",
        "Snapshot rows ingested, by platform, way in (feed, import, connector) and outcome (recorded, flagged, unchanged, refused).");

    public async Task<IReadOnlyList<RowOutcome>> RecordAsync(string platformId, string source, IReadOnlyList<SnapshotRow> rows, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            try
            {
                var outcomes = await RecordAsync(session, platformId, source, rows, ct);
                var via = source.StartsWith("connector:", StringComparison.Ordinal) ? "connector" : source.StartsWith("import:", StringComparison.Ordinal) ? "import" : "feed";
                foreach (var outcome in outcomes.GroupBy(o => o.Outcome))
                    _snapshots.Add(outcome.Count(), new("platform", platformId), new("via", via), new("outcome", outcome.Key));
                return outcomes;
            }
            catch (Exception e) when (attempt < 5 && SnapshotTable.IsDuplicate(e))
            {
            }
        }
    }

    private async Task<IReadOnlyList<RowOutcome>> RecordAsync(IDocumentSession session, string platformId, string source, IReadOnlyList<SnapshotRow> rows, CancellationToken ct)
    {
        var urls = rows.Where(r => r.EntryId is null && r.Url is not null).Select(r => PublicationLink.IdOf(platformId, r.Url!)).Distinct().ToList();
        var byUrl = (urls.Count == 0 ? [] : await session.LoadManyAsync<PublicationLink>(ct, urls)).ToDictionary(l => l.Id, l => l.EntryId);
        Guid? EntryOf(SnapshotRow r) => r.EntryId ?? (r.Url is not null && byUrl.TryGetValue(PublicationLink.IdOf(platformId, r.Url), out var id) ? id : null);

        // Each row is decided against its platform's snapshots alone: immutability and decreasing counters are per platform.
        var ids = rows.Select(EntryOf).OfType<Guid>().Distinct().ToList();
        var states = (await SnapshotTable.WithSnapshotsAsync(session, await session.LoadManyAsync<EngagementEntry>(ct, ids), ct, platformId))
            .ToDictionary(e => e.Id);
        var recorded = new List<(int Outcome, FiguresReported Snapshot)>();
        var now = clock.GetUtcNow();
        var outcomes = new List<RowOutcome>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var id = EntryOf(row);
            try
            {
                if (id is not { } entryId || !states.TryGetValue(entryId, out var entry))
                    throw new RuleViolationException("E1", $"没有在“{platformId}”发布的此作品（{row.EntryId?.ToString() ?? row.Url ?? "未指明作品"}）。",
                        $"No work published on '{platformId}' matches {row.EntryId?.ToString() ?? row.Url ?? "this row (it names no entry)"}.", 404);
                if (row.TakenAt is null) throw new InvalidInputException($"snapshots[{i}].takenAt", "须注明数据的统计时刻 takenAt。", "takenAt, the moment the figures describe, is required.");
                var snapshot = FiguresDecision.Decide(campaigns.Find(entry.CampaignId)!, entry, platformId,
                    new FiguresRequest(row.Figures!, row.TakenAt), source, now);
                if (snapshot is null)
                {
                    outcomes.Add(new RowOutcome(i, entryId, "unchanged"));
                    continue;
                }
                states[entryId] = entry.WithSnapshot(snapshot);
                recorded.Add((outcomes.Count, snapshot));
                outcomes.Add(new RowOutcome(i, entryId, "recorded"));
            }
            catch (Refusal refusal)
            {
                outcomes.Add(new RowOutcome(i, id, "refused", refusal));
            }
        }

        if (recorded.Count == 0) return outcomes;
        // A recorded snapshot whose counter went down, in its platform's history as the whole batch leaves it, is flagged: one walk per entry.
        var decreasing = recorded.Select(r => r.Snapshot.EntryId).Distinct()
            .SelectMany(id => Counting.Of(states[id], cutoff: null).Where(p => p.PlatformId == platformId)
                .SelectMany(p => p.Snapshots).Where(v => v.State == SnapshotState.Decreasing).Select(v => (id, v.TakenAt)))
            .ToHashSet();
        foreach (var (outcome, snapshot) in recorded)
            if (decreasing.Contains((snapshot.EntryId, snapshot.ReportedAt))) outcomes[outcome] = outcomes[outcome] with { Outcome = "flagged" };
        var snapshots = recorded.Select(r => r.Snapshot).ToList();
        session.Events.StartStream(Guid.CreateVersion7(), new SnapshotsRecorded(platformId, source, snapshots));
        SnapshotTable.Record(session, snapshots);
        await session.SaveChangesAsync(ct);
        return outcomes;
    }
}

/// <summary>Where a publication lives on its platform, to find its entry by the address a platform's data names.</summary>
public sealed record PublicationLink(string Id, Guid EntryId)
{
    public static string IdOf(string platformId, string url) => $"{platformId} {url.Trim()}";
}
