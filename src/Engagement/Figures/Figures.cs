using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.Engagement.Entries;
using Campaign.Engagement.Snapshots;
using Campaign.ServiceDefaults.Identity;

namespace Campaign.Engagement.Figures;

public sealed record FiguresRequest(IReadOnlyDictionary<string, long> Figures, DateTimeOffset? At = null);

public static class FiguresDecision
{
    /// <summary>
    /// The largest figure a platform can report. About 8 × 10⁹ people live on earth and the most
    /// viewed video anywhere has under 2 × 10¹⁰ views, so no platform counts 10¹¹ of anything for
    /// one work; a larger figure is a feed's mistake (or <c>long.MaxValue</c>), and would overflow
    /// the totals over platforms and the weighted formula.
    /// </summary>
    public const long MaxFigure = 100_000_000_000;

    /// <summary>How far a feed's clock may run ahead of the server's.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>
    /// E1: a platform's feed reports figures only for entries published on that platform, only
    /// figures the formula knows, each within what a platform can count, taken at a time between
    /// the opening of the category's submissions (nothing is published earlier) and now. A snapshot
    /// is immutable: the same platform, entry and moment again is nothing new (null) if its figures
    /// are the same, and refused if they differ.
    /// </summary>
    public static FiguresReported? Decide(CampaignDefinition campaign, EngagementEntry entry, string platformId, FiguresRequest request, string feed, DateTimeOffset now)
    {
        if (entry.Excluded) throw new RuleViolationException("C1", "作品已撤回或被取消资格。", "The entry was withdrawn or disqualified.", 409);
        if (!entry.Platforms.Contains(platformId))
            throw new RuleViolationException("E1", $"作品未在“{platformId}”发布。", $"The entry is not published on '{platformId}'.", 409);
        if (request.Figures is null) throw new RuleViolationException("E1", "须提供 figures。", "figures is required.");
        var known = campaign.Engagement.Weights.Keys;
        var unknown = request.Figures.Keys.Where(k => !campaign.Engagement.Weights.ContainsKey(k)).ToList();
        if (unknown.Count > 0)
            throw new RuleViolationException("E1", $"未知的数据项 {string.Join("、", unknown)}；计分公式只计 {string.Join("、", known)}。",
                $"Unknown figures {string.Join(", ", unknown)}; the formula counts {string.Join(", ", known)}.");
        foreach (var (name, value) in request.Figures)
        {
            if (value < 0) throw new RuleViolationException("E1", $"figures.{name} 为 {value}，数据不能为负数。", $"figures.{name} is {value}; figures cannot be negative.");
            if (value > MaxFigure)
                throw new RuleViolationException("E1", $"figures.{name} 为 {value}，超过任何平台可能的数值（上限 {MaxFigure}）。",
                    $"figures.{name} is {value}, more than any platform counts (at most {MaxFigure}).");
        }

        // A moment is kept to the microsecond, as PostgreSQL keeps it: finer ticks would make a stored snapshot look like another moment.
        var at = Microseconds(request.At ?? now);
        if (at > now + ClockSkew)
            throw new RuleViolationException("E1", $"at 为 {at:u}，晚于服务器当前时间 {now:u}（允许误差 {ClockSkew.TotalMinutes:0} 分钟）。",
                $"at is {at:u}, later than the server's clock ({now:u}) allows, even with {ClockSkew.TotalMinutes:0} minutes of skew.");
        var opens = campaign.FindCategory(entry.CategoryId)?.Submissions.Opens ?? campaign.Categories.Min(c => c.Submissions.Opens);
        if (TimeZoneInfo.ConvertTime(at, campaign.Zone).DateTime < opens)
            throw new RuleViolationException("E1", $"at 为 {at:u}，早于本类别开始征集的时间 {opens:yyyy-MM-dd HH:mm}（{campaign.TimeZone}），那时作品尚未发布。",
                $"at is {at:u}, before this category opened for entries ({opens:yyyy-MM-dd HH:mm}, {campaign.TimeZone}), when nothing was published yet.");
        if (entry.SnapshotAt(platformId, at) is { } same)
            return SameFigures(same.Figures, request.Figures) ? null
                : throw new RuleViolationException("E1", $"{platformId}在 {at:u} 的数据已记录为 {Show(same.Figures)}；同一时刻的快照不能更改。",
                    $"{platformId}'s snapshot taken at {at:u} is already recorded as {Show(same.Figures)}; a snapshot cannot change.", 409);
        return new FiguresReported(entry.Id, platformId, request.Figures, feed, at);
    }

    public static DateTimeOffset Microseconds(DateTimeOffset at) => at.AddTicks(-(at.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));

    private static bool SameFigures(IReadOnlyDictionary<string, long> a, IReadOnlyDictionary<string, long> b) =>
        a.Count == b.Count && a.All(f => b.TryGetValue(f.Key, out var v) && v == f.Value);

    private static string Show(IReadOnlyDictionary<string, long> figures) =>
        string.Join(", ", figures.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));
}

public static class FiguresEndpoints
{
    public static void MapFigures(this WebApplication app) =>
        app.MapPost("/entries/{entryId:guid}/figures", async (Guid entryId, FiguresRequest request, ClaimsPrincipal user,
                SnapshotIngest ingest, TimeProvider clock, CancellationToken ct) =>
            {
                if (user.PlatformId() is not { } platform)
                    throw new Refusal(403, "令牌未指明平台", "The token names no platform");
                // One snapshot is a batch of one row: the same decision, the same record; without a moment, it describes now.
                var row = new SnapshotRow(entryId, null, request.At ?? clock.GetUtcNow(), request.Figures);
                var outcome = (await ingest.RecordAsync(platform, user.UserId(), [row], ct))[0];
                return outcome.Refusal is { } refusal ? throw refusal : Results.Accepted();
            })
            .WithTags("Figures")
            .RequireAuthorization(p => p.RequireRole(Roles.EngagementFeed))
            .WithSummary("A platform's feed posts one snapshot of an entry's online figures (E1); batches go to /engagement/snapshots.");
}
