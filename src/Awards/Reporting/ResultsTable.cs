using System.Globalization;
using System.Text;
using Campaign.Awards.Allocation;
using Campaign.Campaigns;
using CsvHelper;
using CsvHelper.Configuration;

namespace Campaign.Awards.Reporting;

/// <summary>One judge's score of a work (J2), shown once judging is closed — results exist only then.</summary>
public sealed record JudgeMark(string JudgeId, decimal Score);

/// <summary>
/// One ranked work with every component of its result: each judge's score, the judges' mean (J2)
/// and how it was aggregated, the engagement score (E1), the final score (J3), the tier (A1) and
/// what the cap did to it (A2).
/// </summary>
public sealed record ResultRow(
    int Rank, Guid EntryId, string? Title, IReadOnlyList<string> Authors, string OrganizationId, string OrganizationName, string? Region,
    IReadOnlyList<JudgeMark> JudgeScores, decimal JudgesScore, string? Aggregate, decimal EngagementScore, decimal FinalScore,
    string? TierId, string? TierName, string? TierKind, string? CapNote, bool MovedUp);

/// <summary>
/// A category's results as organizers read, print and export them: the allocation in force with
/// every component, the formula's weights and version, the rules of ties and rounding, and the
/// seal. A pure function of the category's record, so it is the same each time it is computed.
/// </summary>
public sealed record ResultsTable(
    string CampaignId, string CategoryId, string CategoryName, Guid AllocationId, DateTimeOffset AllocatedAt,
    decimal JudgesWeight, decimal EngagementWeight, string? FormulaVersion, string? HostRegion, decimal HostRegionCap,
    int Places, int Winners, string? SealDigest, IReadOnlyList<ResultRow> Rows)
{
    /// <summary>J3, A1: the order of ties and the rounding, as docs/campaigns.md states them.</summary>
    public static readonly (string Chinese, string English) TieBreak =
        ("最终得分相同时，评委平均分高者在前；仍相同时按作品编号排序（任意但固定）。",
         "Equal final scores are ordered by the judges' mean, then by the entry id (arbitrary but fixed).");

    public static readonly (string Chinese, string English) Rounding =
        ("最终得分四舍五入保留两位小数，排名和奖项按保留后的分数比较；评委平均分和网络传播得分按记录显示。",
         "Final scores are rounded to two decimals (half away from zero) and compared as rounded; the judges' mean and the engagement score are shown as recorded.");

    public static ResultsTable? Of(CampaignDefinition campaign, CategoryResults results)
    {
        if (results.Allocated is not { } allocated) return null;
        var rows = allocated.Results.Select(r =>
        {
            var listed = results.Listed.GetValueOrDefault(r.EntryId);
            var judged = results.Judged.GetValueOrDefault(r.EntryId);
            return new ResultRow(r.Rank, r.EntryId, listed?.Title, listed?.Authors ?? [], r.OrganizationId,
                campaign.FindOrganization(r.OrganizationId)?.Name ?? r.OrganizationId, r.Region,
                [.. (judged?.Scores ?? []).Select(s => new JudgeMark(s.JudgeId, s.Score))], r.JudgesScore, judged?.Aggregate,
                r.EngagementScore, r.FinalScore, r.TierId, r.TierName, r.TierKind, r.Note, r.MovedUp);
        }).ToList();
        return new ResultsTable(campaign.Id, allocated.CategoryId, campaign.FindCategory(allocated.CategoryId)?.Name ?? allocated.CategoryId,
            allocated.AllocationId, allocated.AllocatedAt, allocated.JudgesWeight, allocated.EngagementWeight, results.EngagementClosed?.FormulaVersion,
            allocated.HostRegion, allocated.HostRegionCap, allocated.Cap?.Places ?? rows.Count(r => r.TierId is not null),
            rows.Count(r => r.TierId is not null), results.Seal?.Digest, rows);
    }

    /// <summary>The judges of the category, in a fixed order: the CSV's judge columns.</summary>
    public IReadOnlyList<string> Judges => [.. Rows.SelectMany(r => r.JudgeScores).Select(s => s.JudgeId).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The table as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheets read the Chinese), one row per work.</summary>
    public byte[] ToCsv()
    {
        var judges = Judges;
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        // A cell a spreadsheet would run as a formula (a title "=HYPERLINK(…)" typed by a submitter) is written as text.
        using (var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape }))
        {
            string[] header = ["rank", "entry_id", "title", "authors", "organization_id", "organization", "region",
                .. judges.Select(j => $"judge:{j}"), "judges_mean", "aggregate", "engagement_score", "formula_version",
                "final_score", "tier_id", "tier", "tier_kind", "cap_note", "moved_up"];
            foreach (var h in header) csv.WriteField(h);
            csv.NextRecord();
            foreach (var r in Rows)
            {
                object?[] fields = [r.Rank, r.EntryId, r.Title, string.Join("、", r.Authors), r.OrganizationId, r.OrganizationName, r.Region,
                    .. judges.Select(j => r.JudgeScores.FirstOrDefault(s => s.JudgeId == j)?.Score), r.JudgesScore, r.Aggregate,
                    r.EngagementScore, FormulaVersion, r.FinalScore, r.TierId, r.TierName, r.TierKind, r.CapNote, r.MovedUp ? "yes" : ""];
                foreach (var f in fields) csv.WriteField(Convert.ToString(f, CultureInfo.InvariantCulture) ?? "");
                csv.NextRecord();
            }
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
