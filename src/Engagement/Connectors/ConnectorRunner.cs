using Campaign.Campaigns;
using Campaign.Engagement.Entries;
using Campaign.Engagement.Snapshots;
using Marten;

namespace Campaign.Engagement.Connectors;

/// <summary>
/// E1: one poll of one platform's connector — the platform's publications (matched to their entries
/// through <see cref="PublicationLink"/>), their figures from the platform's data API, recorded as
/// snapshots through <see cref="SnapshotIngest"/> like any feed's, each taken at the end of the day
/// it describes, so polling again records nothing new. One instance polls a platform at a time.
/// </summary>
public sealed class ConnectorRunner(ConnectorSettings settings, IDocumentStore store, SnapshotIngest ingest, IHttpClientFactory http,
    ConnectorTokens tokens, ConnectorMetrics metrics, PollLocks locks, TimeProvider clock, ILogger<ConnectorRunner> log)
{
    public const string HttpClientName = "engagement-connectors";

    /// <summary>Polls the platform now, for the latest day due, and returns the connector's state after it.</summary>
    public async Task<ConnectorStatus> PollAsync(string platformId, CancellationToken ct)
    {
        var connector = settings.Find(platformId);
        await using (var guard = await locks.TryTakeAsync(platformId, ct))
        {
            var before = await StatusAsync(connector, ct);
            if (guard is null) return before; // another instance is polling this platform right now
            var now = clock.GetUtcNow();
            var after = await PollAsync(connector, before, now, ct) with { LastRunAt = now };
            await using var session = store.LightweightSession();
            session.Store(after);
            await session.SaveChangesAsync(ct);
            return after;
        }
    }

    private async Task<ConnectorStatus> PollAsync(ConfiguredConnector connector, ConnectorStatus status, DateTimeOffset now, CancellationToken ct)
    {
        var day = ConnectorSchedule.DayDue(now, connector.Campaign.Zone, connector.Platform.ReportingLagHours);
        var platform = Create(connector);
        var pulled = new Pulled();
        ConnectorFailure? stopped = null;
        var (publications, withoutId) = await PublicationsAsync(connector, platform, ct);
        try
        {
            var calls = new PlatformCalls(connector, tokens, clock, platform.ConfiguredToken, platform.RenewAsync);
            await platform.PullAsync(calls, publications, day, pulled, ct);
        }
        catch (ConnectorFailure failure)
        {
            stopped = failure;
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            stopped = new ConnectorFailure(ConnectorStates.Failing, $"无法连接平台：{e.Message}", $"The platform could not be reached: {e.Message}");
        }

        var outcomes = await RecordAsync(connector, pulled.Figures, ct);
        int Count(string outcome) => outcomes.Count(o => o.Outcome == outcome);
        var summary = new PollSummary(day, publications.Count, withoutId, Count("recorded"), Count("flagged"), Count("unchanged"), Count("refused"), pulled.Failures.Count);
        metrics.Recorded(connector, outcomes);
        status = status with { LastPoll = summary, SnapshotsRecorded = status.SnapshotsRecorded + summary.Recorded + summary.Flagged };
        if (stopped is not null)
        {
            log.LogWarning("Connector {Platform} stopped ({State}): {Reason}", connector.PlatformId, stopped.State, stopped.Message);
            return status.WithError(stopped) with
            {
                State = stopped.State,
                RetryAt = stopped.State == ConnectorStates.NeedsCredentials ? null : now + connector.Options.RetryAfter,
                RefusedCredentials = stopped.State == ConnectorStates.NeedsCredentials ? connector.Options.CredentialFingerprint : null,
            };
        }
        // The poll is done: a failed call or a refused snapshot is reported, and asked about again with the next day's poll.
        return status.WithError((Refusal?)pulled.Failures.FirstOrDefault() ?? outcomes.FirstOrDefault(o => o.Refusal is not null)?.Refusal) with
        {
            State = ConnectorStates.Ok,
            LastSuccessAt = now,
            LastDay = status.LastDay > day ? status.LastDay : day,
            RetryAt = null,
            RefusedCredentials = null,
        };
    }

    /// <summary>The platform's publications of entries still in the campaign, and how many of their addresses name no platform id.</summary>
    private async Task<(IReadOnlyList<Publication>, int)> PublicationsAsync(ConfiguredConnector connector, IPlatformConnector platform, CancellationToken ct)
    {
        var prefix = PublicationLink.IdOf(connector.PlatformId, "");
        await using var session = store.QuerySession();
        var links = await session.Query<PublicationLink>().Where(l => l.Id.StartsWith(prefix)).ToListAsync(ct);
        var entries = (await session.LoadManyAsync<EngagementEntry>(ct, links.Select(l => l.EntryId).Distinct()))
            .Where(e => !e.Excluded && e.CampaignId == connector.Campaign.Id).Select(e => e.Id).ToHashSet();
        var live = links.Where(l => entries.Contains(l.EntryId)).Select(l => (l.EntryId, Url: l.Id[prefix.Length..])).ToList();
        var publications = live.Select(l => platform.ItemIdOf(l.Url) is { } id ? new Publication(l.EntryId, l.Url, id) : null).OfType<Publication>()
            .OrderBy(p => p.Url, StringComparer.Ordinal).ToList();
        return (publications, live.Count - publications.Count);
    }

    /// <summary>Each day's figures as a snapshot at that day's end, only the figures the campaign's formula counts.</summary>
    private async Task<IReadOnlyList<RowOutcome>> RecordAsync(ConfiguredConnector connector, IReadOnlyList<DayFigures> figures, CancellationToken ct)
    {
        var weights = connector.Campaign.Engagement.Weights;
        var rows = figures.Select(f => new SnapshotRow(f.EntryId, null, ConnectorSchedule.EndOf(f.Day, connector.Campaign.Zone),
            f.Figures.Where(x => weights.ContainsKey(x.Key)).ToDictionary())).ToList();
        var outcomes = new List<RowOutcome>(rows.Count);
        foreach (var batch in rows.Chunk(SnapshotIngest.MaxRows))
            outcomes.AddRange(await ingest.RecordAsync(connector.PlatformId, $"connector:{connector.PlatformId}", batch, ct));
        return outcomes;
    }

    private IPlatformConnector Create(ConfiguredConnector connector) => connector.Options.Kind switch
    {
        ConnectorKinds.Douyin => new DouyinConnector(connector, http.CreateClient(HttpClientName)),
        _ => new WeChatConnector(connector, http.CreateClient(HttpClientName)),
    };

    public async Task<ConnectorStatus> StatusAsync(ConfiguredConnector connector, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return await session.LoadAsync<ConnectorStatus>(connector.PlatformId, ct) ?? new ConnectorStatus { Id = connector.PlatformId, Kind = connector.Options.Kind };
    }
}
