using Campaign.Campaigns;
using Campaign.Judging.Entries;
using Campaign.Judging.Panels;
using Campaign.Judging.Scoring;
using Campaign.ServiceDefaults.Identity;
using Campaign.WebUi;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Campaign.Judging.Ui.Pages.Judge;

/// <summary>J2: one assigned work, blind; the judge scores it, comments, saves drafts and submits.</summary>
[Authorize(Roles = Roles.Judge)]
public sealed class EntryModel(IDocumentSession session, CampaignCatalog campaigns, TimeProvider clock) : PageModel
{
    public JudgingEntry Entry { get; private set; } = null!;
    public Panel Panel { get; private set; } = null!;
    public Category Category { get; private set; } = null!;
    public Campaigns.Scoring Scoring { get; private set; } = null!;
    public Sheet? Mine { get; private set; }
    public Guid? Previous { get; private set; }
    public Guid? Next { get; private set; }
    public string? Error { get; private set; }
    public string? Notice { get; private set; }

    [BindProperty] public decimal? Score { get; set; }
    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Notice = done switch
        {
            "saved" => L.T("草稿已保存。", "Draft saved."),
            "submitted" => L.T("评分已提交。", "Score submitted."),
            _ => null,
        };
    }

    public Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken ct) => Act(id, "saved", () =>
        ScoreEntry.HandleAsync(session, campaigns, id, User.UserId(), new ScoreRequest(Score ?? -1, Comment), clock.GetUtcNow(), ct), ct);

    public Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct) => Act(id, "submitted", () =>
        SubmitScore.HandleAsync(session, campaigns, id, User.UserId(), new ScoreRequest(Score ?? -1, Comment), clock.GetUtcNow(), ct), ct);

    public Task<IActionResult> OnPostConflictAsync(Guid id, CancellationToken ct) => Act(id, null, () =>
        DeclareConflict.HandleAsync(session, campaigns, id, User.UserId(), new ConflictRequest(Reason ?? ""), clock.GetUtcNow(), ct), ct);

    /// <summary>Runs a judge's action; a refusal stays on the page with the rule's message and the judge's input.</summary>
    private async Task<IActionResult> Act(Guid id, string? done, Func<Task> action, CancellationToken ct)
    {
        try
        {
            await action();
        }
        catch (RuleViolationException e) when (e.Status != 403)
        {
            await LoadAsync(id, ct, keepInput: true);
            Error = L.Refusal(e);
            Response.StatusCode = e.Status;
            return Page();
        }
        if (done is null) return LocalRedirect("/ui/judge");
        if (done == "submitted")
        {
            // On to the next work still to be scored, if any.
            await LoadAsync(id, ct);
            if (Next is { } next) return LocalRedirect($"/ui/judge/entries/{next}?done={done}");
        }
        return LocalRedirect($"/ui/judge/entries/{id}?done={done}");
    }

    private async Task LoadAsync(Guid id, CancellationToken ct, bool keepInput = false)
    {
        (Entry, Panel) = await session.AssignedEntryAsync(id, User.UserId(), ct);
        Category = campaigns.CategoryOf(Entry);
        Scoring = campaigns.CampaignOf(Entry).Scoring;
        Mine = Entry.SheetOf(User.UserId());
        if (!keepInput)
        {
            Score = Mine?.Score;
            Comment = Mine?.Comment;
        }
        var mine = (await session.PanelsOfJudgeAsync(User.UserId(), ct)).Single(a => a.Panel.Id == Panel.Id).Entries;
        var index = mine.ToList().FindIndex(e => e.Id == id);
        Previous = index > 0 ? mine[index - 1].Id : null;
        Next = mine.Skip(index + 1).Concat(mine.Take(Math.Max(index, 0)))
            .FirstOrDefault(e => e.SheetOf(User.UserId())?.Submitted != true && e.OpenForScoring)?.Id;
    }
}
