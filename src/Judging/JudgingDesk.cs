using Campaign.Campaigns;
using Campaign.Contracts.Judging;
using Campaign.Judging.Entries;
using Campaign.Judging.Panels;
using Campaign.Judging.Publishing;
using Campaign.Judging.Reviewing;
using Campaign.Judging.Scoring;
using Campaign.ServiceDefaults.EventStore;
using Campaign.ServiceDefaults.Http;
using JasperFx;
using Marten;

namespace Campaign.Judging;

/// <summary>
/// Every change judging makes, for the API and the web UI alike: load, let a decision decide,
/// append its events version-checked, save once. Events of several entries (a panel change
/// re-plans the category) commit together or not at all. The panel, version-checked, is what
/// closing and judging an entry serialize on (J2): of the two, the second to commit conflicts,
/// and is decided again on what the first committed.
/// </summary>
public sealed class JudgingDesk(IDocumentSession session, CampaignCatalog campaigns, TimeProvider clock)
{
    private const int Attempts = 5;

    private readonly Dictionary<Guid, (JudgingEntry Entry, List<object> Events)> pending = [];
    private readonly Dictionary<string, Panel> panelsRead = [];
    private readonly HashSet<string> panelsStored = [];

    private DateTimeOffset Now => clock.GetUtcNow();

    public async Task<JudgingEntry> EntryAsync(Guid entryId, CancellationToken ct) =>
        await session.LoadAsync<JudgingEntry>(entryId, ct) is { IsSubmitted: true } entry ? entry : throw Refusal.NotFound("作品不存在", "Entry not found");

    public async Task<Panel?> PanelAsync(string campaignId, string categoryId, CancellationToken ct)
    {
        var panel = await session.LoadAsync<Panel>(Panel.IdFor(campaignId, categoryId), ct);
        if (panel is not null) panelsRead[panel.Id] = panel;
        return panel;
    }

    public async Task<IReadOnlyList<JudgingEntry>> CategoryAsync(string campaignId, string categoryId, CancellationToken ct) =>
        await session.Query<JudgingEntry>().Where(e => e.CampaignId == campaignId && e.CategoryId == categoryId && e.Title != null)
            .OrderBy(e => e.Id).ToListAsync(ct);

    public async Task<IReadOnlyList<JudgingEntry>> ReviewQueueAsync(string? campaignId, string? categoryId, CancellationToken ct)
    {
        var query = session.Query<JudgingEntry>().Where(e => e.Review == ReviewState.AwaitingReview && !e.Excluded && e.Title != null);
        if (campaignId is not null) query = query.Where(e => e.CampaignId == campaignId);
        if (categoryId is not null) query = query.Where(e => e.CategoryId == categoryId);
        return await query.OrderBy(e => e.Id).Take(200).ToListAsync(ct);
    }

    /// <summary>The panels the judge sits on, with the entries assigned to them.</summary>
    public async Task<IReadOnlyList<(Panel Panel, IReadOnlyList<JudgingEntry> Entries)>> AssignmentsAsync(string judgeId, CancellationToken ct)
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

    public async Task<EntryReviewed> ReviewAsync(Guid entryId, ReviewRequest request, string reviewerId, CancellationToken ct)
    {
        var entry = await EntryAsync(entryId, ct);
        var reviewed = ReviewDecision.Decide(entry, CategoryOf(entry), request, reviewerId, Now);
        Stage(entry, reviewed);
        if (reviewed.Approved && await PanelAsync(entry.CampaignId, entry.CategoryId, ct) is { Closed: false } panel)
            await PlanAsync(panel, ct);
        await SaveAsync(ct);
        return reviewed;
    }

    public async Task<EntryPublished> PublishAsync(Guid entryId, PublicationRequest request, string userId, CancellationToken ct)
    {
        var entry = await EntryAsync(entryId, ct);
        var published = PublicationDecision.Decide(CategoryOf(entry), entry, request, userId, Now);
        Stage(entry, published);
        await SaveAsync(ct);
        return published;
    }

    public async Task<Panel> SetPanelAsync(string campaignId, string categoryId, IReadOnlyList<Judge> judges, CancellationToken ct)
    {
        var category = Category(campaignId, categoryId);
        var current = await PanelAsync(campaignId, categoryId, ct);
        var panel = PanelDecisions.Set(category, current, campaignId, judges);
        StorePanel(panel, current);
        await PlanAsync(panel, ct);
        await SaveAsync(ct);
        return panel;
    }

    public async Task<IssuedInvitation> InviteAsync(string campaignId, string categoryId, InviteRequest request, string organizerId, CancellationToken ct)
    {
        var issued = InvitationDecisions.Issue(Campaign(campaignId), Category(campaignId, categoryId),
            await PanelAsync(campaignId, categoryId, ct), request, organizerId, Now);
        session.Store(issued.Invitation);
        await SaveAsync(ct);
        return issued;
    }

    public async Task<IReadOnlyList<Invitation>> InvitationsAsync(string campaignId, string categoryId, CancellationToken ct) =>
        await session.Query<Invitation>().Where(i => i.CampaignId == campaignId && i.CategoryId == categoryId)
            .OrderBy(i => i.InvitedAt).ToListAsync(ct);

    /// <summary>The invitation a link's token opens, while it may still be used.</summary>
    public async Task<Invitation> InvitationAsync(string token, CancellationToken ct) =>
        await session.LoadAsync<Invitation>(Invitation.HashOf(token), ct) is { } invitation && invitation.Usable(Now)
            ? invitation
            : throw Refusal.NotFound("邀请链接无效或已过期。", "The invitation link is not valid or has expired.");

    /// <summary>J1: an invited judge takes their seat; their share of the entries follows.</summary>
    public async Task<Panel> SeatAsync(Invitation invitation, CancellationToken ct)
    {
        var category = Category(invitation.CampaignId, invitation.CategoryId);
        var current = await PanelAsync(invitation.CampaignId, invitation.CategoryId, ct);
        var panel = PanelDecisions.Join(category, current, invitation.CampaignId, new Judge(invitation.JudgeId, invitation.Name, invitation.OrganizationId));
        StorePanel(panel, current);
        session.Store(invitation with { AcceptedAt = invitation.AcceptedAt ?? Now });
        await PlanAsync(panel, ct);
        await SaveAsync(ct);
        return panel;
    }

    public async Task<Panel> RemoveJudgeAsync(string campaignId, string categoryId, string judgeId, CancellationToken ct)
    {
        var current = await PanelAsync(campaignId, categoryId, ct);
        var panel = PanelDecisions.Leave(Category(campaignId, categoryId), current, judgeId);
        StorePanel(panel, current);
        await PlanAsync(panel, ct);
        await SaveAsync(ct);
        return panel;
    }

    /// <summary>J2: closes the category with every entry judged by then; an entry judged after the
    /// panel was read makes the panel's version check fail, and closing is decided again.</summary>
    public Task<JudgingClosed> CloseAsync(string campaignId, string categoryId, string userId, CancellationToken ct) => RetryingAsync(async () =>
    {
        var category = Category(campaignId, categoryId);
        var panel = await PanelAsync(campaignId, categoryId, ct) ?? throw Refusal.NotFound("该类别尚无评委会。", "No panel for this category.");
        var judged = (await CategoryAsync(campaignId, categoryId, ct)).Where(e => e.Judged && !e.Excluded);
        var closed = PanelDecisions.Close(category, panel, judged, userId, Now);
        StorePanel(panel with { Closed = true }, panel);
        // Judging closes once: a second closing collides on the stream.
        session.Events.StartStream(StreamIds.ForCategory(campaignId, categoryId), closed);
        await SaveAsync(ct);
        return closed;
    }, ct);

    public async Task<ScoreGiven> ScoreAsync(Guid entryId, string judgeId, ScoreRequest request, CancellationToken ct)
    {
        var (entry, panel) = await AssignedAsync(entryId, judgeId, ct);
        var given = ScoreDecisions.Draft(CampaignOf(entry), panel, entry, judgeId, request, Now);
        Stage(entry, given);
        await SaveAsync(ct);
        return given;
    }

    /// <summary>J2: hands in the judge's score — with <paramref name="final"/>, the score as the judge
    /// last typed it, saved first if it differs from the draft, in the same transaction.</summary>
    public Task<EntryJudged?> SubmitAsync(Guid entryId, string judgeId, CancellationToken ct, ScoreRequest? final = null) => RetryingAsync(async () =>
    {
        var (entry, panel) = await AssignedAsync(entryId, judgeId, ct);
        var campaign = CampaignOf(entry);
        if (final is not null)
        {
            var given = ScoreDecisions.Draft(campaign, panel, entry, judgeId, final, Now);
            if (entry.SheetOf(judgeId) is not { } sheet || (sheet.Score, sheet.Comment) != (given.Score, given.Comment))
                entry = Stage(entry, given);
        }
        var events = ScoreDecisions.Submit(campaign, panel, entry, judgeId, Now);
        Stage(entry, events);
        await SaveAsync(ct);
        return events.OfType<EntryJudged>().SingleOrDefault();
    }, ct);

    /// <summary>J1: the judge steps aside; a subset panel gives the entry another judge, and the
    /// entry may now have every score it needs.</summary>
    public async Task DeclareConflictAsync(Guid entryId, string judgeId, ConflictRequest request, CancellationToken ct)
    {
        var (entry, panel) = await AssignedAsync(entryId, judgeId, ct);
        Stage(entry, ScoreDecisions.DeclareConflict(panel, entry, judgeId, request, Now));
        await PlanAsync(panel, ct);
        await SaveAsync(ct);
    }

    /// <summary>The entry, if the judge sits on its panel and it is assigned to them — otherwise, for
    /// blind judging, the same 404 as an entry that does not exist.</summary>
    public async Task<(JudgingEntry Entry, Panel Panel)> AssignedAsync(Guid entryId, string judgeId, CancellationToken ct)
    {
        var entry = await EntryAsync(entryId, ct);
        if (await PanelAsync(entry.CampaignId, entry.CategoryId, ct) is not { } panel || !panel.Seats(judgeId)
            || !(entry.AssignedJudges.Contains(judgeId) || entry.SheetOf(judgeId) is not null))
            throw Refusal.NotFound("作品不存在", "Entry not found");
        return (entry, panel);
    }

    public async Task<PanelReport?> ReportAsync(string campaignId, string categoryId, CancellationToken ct) =>
        await PanelAsync(campaignId, categoryId, ct) is { } panel
            ? PanelReport.Build(Campaign(campaignId), Category(campaignId, categoryId), panel, await CategoryAsync(campaignId, categoryId, ct))
            : null;

    public CampaignDefinition CampaignOf(JudgingEntry entry) => Campaign(entry.CampaignId);

    public Category CategoryOf(JudgingEntry entry) => Category(entry.CampaignId, entry.CategoryId);

    public CampaignDefinition Campaign(string campaignId) =>
        campaigns.Find(campaignId) ?? throw Refusal.NotFound("没有这个活动。", "Unknown campaign.");

    public Category Category(string campaignId, string categoryId) =>
        Campaign(campaignId).FindCategory(categoryId) ?? throw Refusal.NotFound("没有这个类别。", "Unknown category.");

    /// <summary>Re-plans who judges the open entries of the panel's category, with what is staged
    /// in this desk, and completes the entries that now have every score.</summary>
    private async Task PlanAsync(Panel panel, CancellationToken ct)
    {
        var campaign = Campaign(panel.CampaignId);
        var entries = (await CategoryAsync(panel.CampaignId, panel.CategoryId, ct))
            .Select(e => pending.TryGetValue(e.Id, out var p) ? p.Entry : e).ToList();
        foreach (var assigned in Assignments.Plan(campaign.FindCategory(panel.CategoryId)!, panel, entries, Now))
        {
            var entry = entries.Single(e => e.Id == assigned.EntryId);
            var planned = Stage(entry, assigned);
            if (ScoreDecisions.Complete(campaign, planned, Now) is { } judged) Stage(planned, judged);
        }
    }

    /// <summary>Version-checked (optimistic concurrency), and a first panel is inserted: of two
    /// concurrent changes, the second fails rather than overwriting the first.</summary>
    private void StorePanel(Panel panel, Panel? current)
    {
        if (current is null) session.Insert(panel);
        else session.Store(panel);
        panelsStored.Add(panel.Id);
    }

    /// <summary>Stages events of an entry on top of what is already staged for it; returns the entry as they leave it.</summary>
    private JudgingEntry Stage(JudgingEntry entry, params object[] events)
    {
        var (current, staged) = pending.TryGetValue(entry.Id, out var p) ? p : (entry, []);
        var next = events.Aggregate(current, (e, @event) => e.Then(@event));
        pending[entry.Id] = (next, [.. staged, .. events]);
        return next;
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        // J2: an entry is judged only into a category whose panel, as read, was open; storing that
        // panel again checks it is still the version read, so a closing committed since conflicts.
        var judgedIn = pending.Values.SelectMany(p => p.Events.OfType<EntryJudged>())
            .Select(j => Panel.IdFor(j.CampaignId, j.CategoryId)).Distinct().Except(panelsStored).ToList();
        foreach (var panelId in judgedIn)
        {
            if (!panelsRead.TryGetValue(panelId, out var panel) || panel.Closed)
                throw new InvalidOperationException($"An entry is judged without the open panel {panelId} read first");
            StorePanel(panel, panel);
        }
        foreach (var (id, (entry, events)) in pending)
            session.Events.Append(id, entry.Version + events.Count, events.ToArray());
        pending.Clear();
        await session.SaveChangesAsync(ct);
    }

    /// <summary>A decision that lost a race (a version conflict) is made again on what the winner committed.</summary>
    private async Task<T> RetryingAsync<T>(Func<Task<T>> decide, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await decide();
            }
            catch (ConcurrencyException) when (attempt < Attempts && !ct.IsCancellationRequested)
            {
                session.EjectAllPendingChanges();
                pending.Clear();
                panelsRead.Clear();
                panelsStored.Clear();
            }
        }
    }
}
