using Campaign.Campaigns;

namespace Campaign.Engagement.Connectors;

/// <summary>What one poll did: the day it polled for, the publications it asked about, and what became of their snapshots.</summary>
public sealed record PollSummary(DateOnly Day, int Publications, int WithoutPlatformId, int Recorded, int Flagged, int Unchanged, int Refused, int FailedCalls);

/// <summary>
/// A connector's state as operators see it (docs/connectors.md), one document per platform, kept in
/// the database so that every instance of the service sees the same and a restart forgets nothing.
/// </summary>
public sealed record ConnectorStatus
{
    /// <summary>The platform id.</summary>
    public required string Id { get; init; }
    public required string Kind { get; init; }
    public string State { get; init; } = ConnectorStates.NeverRun;
    public DateTimeOffset? LastRunAt { get; init; }
    public DateTimeOffset? LastSuccessAt { get; init; }
    /// <summary>The latest day a poll completed for: a daily platform is polled again when the next day is due.</summary>
    public DateOnly? LastDay { get; init; }
    /// <summary>Snapshots this connector recorded (new or flagged), over all its polls.</summary>
    public long SnapshotsRecorded { get; init; }
    public PollSummary? LastPoll { get; init; }
    public string? LastErrorChinese { get; init; }
    public string? LastErrorEnglish { get; init; }
    /// <summary>When a poll that stopped (rate limit, quota, platform down) is tried again.</summary>
    public DateTimeOffset? RetryAt { get; init; }
    /// <summary>For <see cref="ConnectorStates.NeedsCredentials"/>: which credentials were refused, so that only new ones are tried.</summary>
    public string? RefusedCredentials { get; init; }

    public ConnectorStatus WithError(Refusal? error) => this with { LastErrorChinese = error?.Chinese, LastErrorEnglish = error?.Message };
}

/// <summary>When a connector polls, and for which day: pure, so that it is tested without waiting.</summary>
public static class ConnectorSchedule
{
    /// <summary>
    /// The latest day whose figures the platform has surely reported: its end, in the campaign's time
    /// zone, plus the platform's reporting lag, has passed (Douyin's and WeChat's figures of a day come
    /// the next day; with a lag of 24 hours a poll after midnight asks for the day before yesterday).
    /// </summary>
    public static DateOnly DayDue(DateTimeOffset now, TimeZoneInfo zone, int reportingLagHours) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now - TimeSpan.FromHours(reportingLagHours), zone).DateTime).AddDays(-1);

    /// <summary>
    /// The moment a day's cumulative figures describe: its last second in the campaign's time zone, so
    /// a cutoff at 23:59:59 counts that day's figures and polling the same day again records the same snapshot.
    /// </summary>
    public static DateTimeOffset EndOf(DateOnly day, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(23, 59, 59)), zone), TimeSpan.Zero);

    /// <summary>
    /// Whether a connector polls now: never again with credentials the platform refused (a person must
    /// authorize and configure new ones); not before a stopped poll's retry time; a daily platform once
    /// its next day is due; a continuous one every <see cref="ConnectorOptions.Interval"/>.
    /// </summary>
    public static bool IsDue(ConnectorStatus? status, ConfiguredConnector connector, DateTimeOffset now)
    {
        if (status is null) return true;
        if (status.State == ConnectorStates.NeedsCredentials && status.RefusedCredentials == connector.Options.CredentialFingerprint) return false;
        if (status.RetryAt > now) return false;
        return connector.Platform.Cadence == PlatformCadences.Daily
            ? status.LastDay is not { } done || done < DayDue(now, connector.Campaign.Zone, connector.Platform.ReportingLagHours)
            : status.LastRunAt is not { } last || last + connector.Options.Interval <= now;
    }
}
