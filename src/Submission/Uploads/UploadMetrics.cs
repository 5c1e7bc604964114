using System.Diagnostics.Metrics;
using Campaign.Submission.Entries;

namespace Campaign.Submission.Uploads;

/// <summary><c>campaign.uploads.received</c>: bytes written to part files, by campaign and category (a chunk sent again counts again: it crossed the wire).</summary>
public sealed class UploadMetrics(IMeterFactory meters)
{
    private readonly Counter<long> _received = meters.Create(EntryGauges.MeterName)
        .CreateCounter<long>("campaign.uploads.received", "By", "Upload bytes received, by campaign and category.");

    public void Received(Upload upload, long bytes) =>
        _received.Add(bytes, new("campaign", upload.CampaignId), new("category", upload.CategoryId));
}
