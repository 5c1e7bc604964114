using System.Security.Claims;
using Campaign.Judging.Entries;
using Campaign.Judging.Panels;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.Judging.Scoring;

/// <summary>What a judge sees of an assigned work: blind — no submitter, no organization, no file
/// names — and no other judge's score until judging closes.</summary>
public sealed record Assignment(
    Guid EntryId, string CampaignId, string CategoryId, string Title, string? StoryText, IReadOnlyList<AssignedMedia> Media,
    decimal? MyScore, string? MyComment, bool Submitted, IReadOnlyList<decimal>? PanelScores)
{
    public static Assignment For(JudgingEntry entry, string judgeId, bool judgingClosed)
    {
        var mine = entry.SheetOf(judgeId);
        return new Assignment(entry.Id, entry.CampaignId, entry.CategoryId, entry.Title!, entry.StoryText,
            (entry.Media ?? []).Select(m => new AssignedMedia(m.Role, m.Sha256, m.Length, m.Caption)).ToList(),
            mine?.Score, mine?.Comment, mine?.Submitted == true,
            judgingClosed ? entry.AssignedJudges.Select(entry.SheetOf).OfType<Sheet>().Where(s => s.Submitted).Select(s => s.Score).ToList() : null);
    }
}

public sealed record AssignedMedia(string Role, string Sha256, long Length, string? Caption);

/// <summary>The works a judge is given: by the API, the judges' pages and the media they play.</summary>
public static class AssignedWork
{
    /// <summary>The entry's panel, if the judge sits on it and the entry is theirs to score; otherwise null — for
    /// blind judging, the same 404 as an entry that does not exist.</summary>
    public static async Task<Panel?> PanelIfAssignedAsync(this IQuerySession session, JudgingEntry? entry, string judgeId, CancellationToken ct) =>
        entry is { IsSubmitted: true } && await session.PanelAsync(entry.CampaignId, entry.CategoryId, ct) is { } panel && panel.Seats(judgeId)
        && (entry.AssignedJudges.Contains(judgeId) || entry.SheetOf(judgeId) is not null)
            ? panel
            : null;

    public static async Task<(JudgingEntry Entry, Panel Panel)> AssignedEntryAsync(this IQuerySession session, Guid entryId, string judgeId, CancellationToken ct)
    {
        var entry = await session.LoadAsync<JudgingEntry>(entryId, ct);
        return await session.PanelIfAssignedAsync(entry, judgeId, ct) is { } panel ? (entry!, panel) : throw EntryQueries.EntryNotFound();
    }

    /// <summary>The panels the judge sits on, with the entries assigned to them.</summary>
    public static async Task<IReadOnlyList<(Panel Panel, IReadOnlyList<JudgingEntry> Entries)>> PanelsOfJudgeAsync(this IQuerySession session, string judgeId, CancellationToken ct)
    {
        var panels = (await session.Query<Panel>().ToListAsync(ct)).Where(p => p.Seats(judgeId)).OrderBy(p => p.Id).ToList();
        var result = new List<(Panel, IReadOnlyList<JudgingEntry>)>();
        foreach (var panel in panels)
        {
            var entries = await session.Query<JudgingEntry>()
                .Where(e => e.CampaignId == panel.CampaignId && e.CategoryId == panel.CategoryId && !e.Excluded && e.Review == ReviewState.Approved)
                .OrderBy(e => e.Id).ToListAsync(ct);
            result.Add((panel, entries.Where(e => e.AssignedJudges.Contains(judgeId)).ToList()));
        }
        return result;
    }

    public static void MapAssignedWork(this RouteGroupBuilder judging)
    {
        judging.MapGet("/assignments", async (ClaimsPrincipal user, IDocumentSession session, CancellationToken ct) =>
                (await session.PanelsOfJudgeAsync(user.UserId(), ct))
                    .SelectMany(a => a.Entries.Select(e => Assignment.For(e, user.UserId(), a.Panel.Closed))).ToList())
            .WithSummary("The works assigned to the calling judge, blind (J2).");

        judging.MapGet("/entries/{entryId:guid}", async (Guid entryId, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct) =>
            {
                var (entry, panel) = await session.AssignedEntryAsync(entryId, user.UserId(), ct);
                return Assignment.For(entry, user.UserId(), panel.Closed);
            })
            .WithSummary("One assigned work, blind; the panel's scores only once judging is closed (J2).");
    }
}
