using System.Diagnostics.Metrics;
using Campaign.ServiceDefaults.Telemetry;
using Marten;
using static Campaign.ServiceDefaults.Telemetry.StateGaugeExtensions;

namespace Campaign.Judging.Entries;

/// <summary>
/// Review and judging progress, by campaign and category: <c>campaign.judging.entries</c> by stage (awaiting_check,
/// awaiting_review, rejected, approved, published, judged, excluded) and <c>campaign.judging.sheets</c> of entries open for
/// scoring, by state (assigned: a judge is to score it; submitted: the score is handed in). Submitted over assigned is the panel's progress.
/// </summary>
public sealed class JudgingGauges(IMeterFactory meters) : IStateGauges
{
    public const string MeterName = "Campaign.Judging";
    private readonly StateGauge _entries = new(meters.Create(MeterName), "campaign.judging.entries", "{entry}", "Entries by review and judging stage.");
    private readonly StateGauge _sheets = new(meters.Create(MeterName), "campaign.judging.sheets", "{sheet}", "Judges' score sheets of entries open for scoring: assigned, submitted.");

    public async Task ReadAsync(IQuerySession session, CancellationToken ct)
    {
        var entries = await session.Query<JudgingEntry>().Where(e => e.Title != null)
            .Select(e => new { e.CampaignId, e.CategoryId, e.Review, e.Excluded, e.Judged, e.Publications, e.Judges, e.Sheets }).ToListAsync(ct);
        _entries.Set(entries.Select(e => (1L, new[]
        {
            Tag("campaign", e.CampaignId), Tag("category", e.CategoryId),
            Tag("stage", e.Excluded ? "excluded" : e.Judged ? "judged" : e.Review == ReviewState.Approved && e.Publications is { Count: > 0 } ? "published"
                : e.Review switch { ReviewState.AwaitingCheck => "awaiting_check", ReviewState.AwaitingReview => "awaiting_review", ReviewState.Approved => "approved", _ => "rejected" }),
        })));
        var open = entries.Where(e => !e.Excluded && e.Review == ReviewState.Approved).ToList();
        _sheets.Set(open.SelectMany(e => new[]
        {
            ((long)(e.Judges?.Count ?? 0), new[] { Tag("campaign", e.CampaignId), Tag("category", e.CategoryId), Tag("state", "assigned") }),
            ((long)(e.Judges ?? []).Count(j => e.Sheets?.GetValueOrDefault(j)?.Submitted == true),
                new[] { Tag("campaign", e.CampaignId), Tag("category", e.CategoryId), Tag("state", "submitted") }),
        }));
    }
}
