using System.Diagnostics.Metrics;
using Campaign.ServiceDefaults.Telemetry;
using Campaign.Submission.Uploads;
using Marten;
using static Campaign.ServiceDefaults.Telemetry.StateGaugeExtensions;

namespace Campaign.Submission.Entries;

/// <summary>
/// <c>campaign.entries</c>: entries by campaign, category and status, as their streams tell it; <c>campaign.uploads.in_progress</c>:
/// uploads begun and not finished (nor yet swept as expired). Read from the documents, so every replica reports the same.
/// </summary>
public sealed class EntryGauges(IMeterFactory meters) : IStateGauges
{
    public const string MeterName = "Campaign.Submission";
    private readonly StateGauge _entries = new(meters.Create(MeterName), "campaign.entries", "{entry}", "Entries by campaign, category and status.");
    private readonly StateGauge _uploads = new(meters.Create(MeterName), "campaign.uploads.in_progress", "{upload}", "Uploads begun and not finished (the parts of a parallel upload are not uploads of their own).");

    public async Task ReadAsync(IQuerySession session, CancellationToken ct)
    {
        // Three short fields a row: a campaign's few thousand entries read in milliseconds, twice a minute.
        var entries = await session.Query<Entry>().Select(e => new { e.CampaignId, e.CategoryId, e.Status }).ToListAsync(ct);
        _entries.Set(entries.Select(e => (1L, new[] { Tag("campaign", e.CampaignId), Tag("category", e.CategoryId), Tag("status", e.Status.ToString()) })));
        var uploads = await session.Query<Upload>().Where(u => u.Sha256 == null && !u.Partial).Select(u => new { u.CampaignId, u.CategoryId }).ToListAsync(ct);
        _uploads.Set(uploads.Select(u => (1L, new[] { Tag("campaign", u.CampaignId), Tag("category", u.CategoryId) })));
    }
}
