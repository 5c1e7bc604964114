using System.Globalization;
using Campaign.Campaigns;
using CsvHelper;
using CsvHelper.Configuration;

namespace Campaign.Engagement.Snapshots;

/// <summary>A row of a spreadsheet as a snapshot, or why it is not one; <see cref="Line"/> counts the header as line 1.</summary>
public sealed record CsvRow(int Line, SnapshotRow? Row, Refusal? Error);

/// <summary>
/// E1: a platform's spreadsheet export read as snapshots, through the platform's column mapping
/// (<see cref="Platform.CsvColumns"/>). A cell's number may carry thousands separators or the
/// Chinese units 万 (10⁴) and 亿 (10⁸) that platforms' exports use; a date without a time is the end
/// of that day in the campaign's zone (a daily platform's figures describe the whole day).
/// </summary>
public static class SnapshotCsv
{
    public static IReadOnlyList<CsvRow> Read(TextReader text, CampaignDefinition campaign, Platform platform)
    {
        using var csv = new CsvReader(text, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true, TrimOptions = TrimOptions.Trim, BadDataFound = null, MissingFieldFound = null,
        });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
            throw new InvalidInputException("file", "文件为空或没有表头。", "The file is empty or has no header row.");
        int? Column(string field)
        {
            var name = platform.CsvColumns?.GetValueOrDefault(field) ?? field;
            var i = Array.FindIndex(header, h => string.Equals(h.Trim('\uFEFF', ' '), name, StringComparison.OrdinalIgnoreCase));
            return i < 0 ? null : i;
        }
        var (entryId, url, takenAt) = (Column("entryId"), Column("url"), Column("takenAt"));
        if (takenAt is null || (entryId is null && url is null))
            throw new InvalidInputException("file", $"表头须包含统计时刻列和作品列（{Expected(platform)}），实际为：{string.Join("、", header)}。",
                $"The header must name the moment and the work ({Expected(platform)}); it has: {string.Join(", ", header)}.");
        var figures = campaign.Engagement.Weights.Keys.Select(f => (Name: f, Column: Column(f))).Where(f => f.Column is not null).ToList();

        var rows = new List<CsvRow>();
        while (csv.Read())
        {
            var line = csv.Parser.Row;
            string? Cell(int? i) => i is { } c && csv.TryGetField<string>(c, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
            try
            {
                var id = Cell(entryId) is { } idText
                    ? Guid.TryParse(idText, out var g) ? g : throw new InvalidInputException("entryId", $"第{line}行的作品编号“{idText}”无效。", $"Line {line}: '{idText}' is not an entry id.")
                    : (Guid?)null;
                var at = Moment(Cell(takenAt), campaign, line);
                var values = figures.Select(f => (f.Name, Value: Cell(f.Column))).Where(f => f.Value is not null)
                    .ToDictionary(f => f.Name, f => Number(f.Value!, f.Name, line));
                rows.Add(new CsvRow(line, new SnapshotRow(id, Cell(url), at, values), null));
            }
            catch (Refusal error)
            {
                rows.Add(new CsvRow(line, null, error));
            }
        }
        return rows;
    }

    private static string Expected(Platform p) =>
        $"{p.CsvColumns?.GetValueOrDefault("takenAt") ?? "takenAt"}, {p.CsvColumns?.GetValueOrDefault("url") ?? "url"} / {p.CsvColumns?.GetValueOrDefault("entryId") ?? "entryId"}";

    private static DateTimeOffset Moment(string? text, CampaignDefinition campaign, int line)
    {
        if (text is null) throw new InvalidInputException("takenAt", $"第{line}行缺少统计时刻。", $"Line {line} has no moment (takenAt).");
        if (HasZone(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact)) return exact;
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
            throw new InvalidInputException("takenAt", $"第{line}行的统计时刻“{text}”无法识别。", $"Line {line}: '{text}' is not a date or time.");
        try
        {
            if (!text.Contains(':')) local = local.Date.AddDays(1).AddSeconds(-1);
            return new DateTimeOffset(local, campaign.Zone.GetUtcOffset(local));
        }
        catch (ArgumentOutOfRangeException) // the end of 9999-12-31, or 0001-01-01 00:00 east of Greenwich
        {
            throw new InvalidInputException("takenAt", $"第{line}行的统计时刻“{text}”超出范围。", $"Line {line}: '{text}' is out of range.");
        }
    }

    private static bool HasZone(string text) => text.EndsWith('Z') || text.Length > 6 && (text[^6] is '+' or '-') && text[^3] == ':';

    private static long Number(string text, string field, int line)
    {
        var t = text.Replace(",", "").Replace(" ", "");
        var unit = t.EndsWith('万') ? 10_000m : t.EndsWith('亿') ? 100_000_000m : 1m;
        if (unit != 1m) t = t[..^1];
        if (!decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) || n < 0 || n > long.MaxValue / unit)
            throw new InvalidInputException(field, $"第{line}行的{field}“{text}”不是有效的数值。", $"Line {line}: {field} '{text}' is not a count.");
        return (long)Math.Round(n * unit, MidpointRounding.AwayFromZero);
    }
}
