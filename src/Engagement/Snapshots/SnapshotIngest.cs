using System.Diagnostics.Metrics;
using Campaign.Campaigns;
using Campaign.Engagement.Entries;
using Campaign.Engagement.Figures;
using JasperFx;
using Marten;

namespace Campaign.Engagement.Snapshots;

/// <summary>One snapshot in a batch: the entry (or the publication's address on the platform), the moment, the figures.</summary>
public sealed record SnapshotRow(Guid? EntryId = null, string? Url = null, DateTimeOffset? TakenAt = null, IReadOnlyDictionary<string, long>? Figures = null);

/// <summary>
/// What became of one row: <c>recorded</c>; <c>flagged</c> (recorded, but a counter went down, so it
/// is not applied); <c>unchanged</c> (the same snapshot was already recorded); <c>refused</c>, with why.
/// </summary>
public sealed record RowOutcome(int Row, Guid? EntryId, string Outcome, Refusal? Refusal = null);

/// <summary>
/// E1: records a platform's snapshots in bulk — from a feed's batch, an operator's spreadsheet or a
/// connector alike. Each row is decided on its own (<see cref="FiguresDecision"/>) against the entry
/// as the rows before it left it, so a batch that repeats a row, or is sent twice, changes nothing
/// the second time. All rows of a batch are saved together, each entry's stream version-checked; a
/// batch that raced another on the same entry is decided again from the new state.
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
            catch (ConcurrencyException) when (attempt < 5)
            {
            }
        }
    }

    private async Task<IReadOnlyList<RowOutcome>> RecordAsync(IDocumentSession session, string platformId, string source, IReadOnlyList<SnapshotRow> rows, CancellationToken ct)
    {
        var byUrl = (await session.LoadManyAsync<PublicationLink>(ct, rows.Where(r => r.EntryId is null && r.Url is not null)
                .Select(r => PublicationLink.IdOf(platformId, r.Url!)).Distinct()))
            .ToDictionary(l => l.Id, l => l.EntryId);
        Guid? EntryOf(SnapshotRow r) => r.EntryId ?? (r.Url is not null && byUrl.TryGetValue(PublicationLink.IdOf(platformId, r.Url), out var id) ? id : null);

        // The versions before the state (EntryStreams); each row is decided against its platform's snapshots alone:
        // immutability and decreasing counters are per platform.
        var ids = rows.Select(EntryOf).OfType<Guid>().Distinct().ToList();
        var versions = await EntryStreams.VersionsAsync(session, ids, ct);
        var loaded = (await SnapshotTable.WithSnapshotsAsync(session, await session.LoadManyAsync<EngagementEntry>(ct, ids), ct, platformId))
            .ToDictionary(e => e.Id);
        var states = new Dictionary<Guid, EngagementEntry>(loaded);
        var appended = new Dictionary<Guid, List<FiguresReported>>();
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
                (appended.TryGetValue(entryId, out var list) ? list : appended[entryId] = []).Add(snapshot);
                var decreasing = Counting.Of(states[entryId], cutoff: null).Single(p => p.PlatformId == platformId).Snapshots
                    .Any(s => s.TakenAt == snapshot.ReportedAt && s.State == SnapshotState.Decreasing);
                outcomes.Add(new RowOutcome(i, entryId, decreasing ? "flagged" : "recorded"));
            }
            catch (Refusal refusal)
            {
                outcomes.Add(new RowOutcome(i, id, "refused", refusal));
            }
        }

        foreach (var (entryId, events) in appended)
            session.Events.Append(entryId, versions[entryId] + events.Count, [.. events]);
        SnapshotTable.Record(session, [.. appended.Values.SelectMany(e => e).Cast<FiguresReported>()]);
        await session.SaveChangesAsync(ct);
        return outcomes;
    }
}

/// <summary>Where a publication lives on its platform, to find its entry by the address a platform's data names.</summary>
public sealed record PublicationLink(string Id, Guid EntryId)
{
    public static string IdOf(string platformId, string url) => $"{platformId} {url.Trim()}";
}
