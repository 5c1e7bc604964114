using System.Diagnostics.Metrics;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;

namespace Campaign.MediaCheck.Checks;

/// <summary>
/// <c>campaign.media.checks</c> (checks done, by campaign, category and verdict: the dashboard shows their rate) and
/// <c>campaign.media.check.duration</c> (seconds from a free check slot to the findings). A check redone after a restart counts again: it was work done.
/// </summary>
public sealed class MediaCheckMetrics
{
    public const string MeterName = "Campaign.MediaCheck";
    private readonly Counter<long> _checks;
    private readonly Histogram<double> _duration;

    public MediaCheckMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _checks = meter.CreateCounter<long>("campaign.media.checks", "{check}", "Media checks done, by campaign, category and verdict.");
        _duration = meter.CreateHistogram("campaign.media.check.duration", "s", "How long a media check took, ffprobe and ffmpeg included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });
    }

    public void Checked(EntrySubmitted entry, Verdict verdict, TimeSpan took)
    {
        KeyValuePair<string, object?>[] tags = [new("campaign", entry.CampaignId), new("category", entry.CategoryId), new("verdict", verdict.ToString())];
        _checks.Add(1, tags);
        _duration.Record(took.TotalSeconds, tags);
    }
}
