using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.Contracts.Submission;
using Campaign.ServiceDefaults.Identity;
using Campaign.Submission.Uploads;
using Marten;
using JasperFx;

namespace Campaign.Submission.Entries.SubmittingEntry;

public sealed record Consent(string TextVersion, bool Accepted);

/// <summary>A person of an entry: a group entry (组合) lists every member. <see cref="Id"/> must be stable for the person (Q2).</summary>
public sealed record Member(string Id, string Name);

/// <summary>A finished upload attached to an entry: "work" for a video or recitation, "work-photo" or "award-photo" with the worker's name as caption (S2).</summary>
public sealed record AttachedMedia(Guid UploadId, string Role, string? Caption = null);

public sealed record SubmitEntryRequest(
    string CampaignId, string CategoryId, string Title, string OrganizationId, string Port, Consent? Consent,
    string? StoryText = null, IReadOnlyList<Member>? Members = null, IReadOnlyList<AttachedMedia>? Media = null);

public sealed record SubmitEntry(Guid EntryId, SubmitEntryRequest Request, string UserId, bool IsAdministratorOf, DateTimeOffset Now,
    IReadOnlyList<MediaReference>? Media = null);

public static class SubmitEntryDecision
{
    public static object[] Decide(CampaignDefinition campaign, SubmitEntry command)
    {
        var r = command.Request;
        var category = campaign.FindCategory(r.CategoryId)
            ?? throw new RuleViolationException("A1", $"活动{campaign.Id}没有子项目“{r.CategoryId}”。", $"Campaign {campaign.Id} has no category '{r.CategoryId}'.");
        if (campaign.FindOrganization(r.OrganizationId) is null)
            throw new RuleViolationException("O3", $"“{r.OrganizationId}”不是活动{campaign.Id}的报送单位。", $"'{r.OrganizationId}' is not an organization of campaign {campaign.Id}.");
        if (!campaign.Ports.Contains(r.Port))
            throw new RuleViolationException("O3", $"活动{campaign.Id}不开放“{r.Port}”端口申报。", $"Campaign {campaign.Id} does not accept entries through the '{r.Port}' port.");
        if (r.Port == SubmissionPorts.Organization && !command.IsAdministratorOf)
            throw new RuleViolationException("O3", $"只有{r.OrganizationId}的管理员可以通过组织端口申报。", $"Only an administrator of {r.OrganizationId} submits through its organization port.", 403);

        CheckWindow(campaign, category, command.Now);
        if (r.Consent is not { Accepted: true } consent || string.IsNullOrWhiteSpace(consent.TextVersion))
            throw new RuleViolationException("C1", "申报须明确同意版权及使用条款，并注明所同意条款的版本。", "Submitting requires explicit consent to the copyright and usage terms, naming the version of the text agreed to.");
        if (string.IsNullOrWhiteSpace(r.Title))
            throw new RuleViolationException("A1", "作品须有标题。", "An entry needs a title.");
        if (category.Kind == "story" && string.IsNullOrWhiteSpace(r.StoryText))
            throw new RuleViolationException("S1", "劳模故事须有正文。", "A story entry needs its text.");
        var media = command.Media ?? [];
        if (category.Kind != "story" && !media.Any(m => m.Role == "work"))
            throw new RuleViolationException(category.Kind == "video" ? "V1" : "R1", "请附上作品文件（已完成上传、role 为 \"work\"）。", "Attach the work's file (a finished upload with role \"work\").");

        return
        [
            new ConsentGiven(command.EntryId, consent.TextVersion, command.UserId, command.Now),
            new EntrySubmitted(command.EntryId, campaign.Id, category.Id, r.Title.Trim(), r.OrganizationId, r.Port,
                command.UserId, category.Kind == "story" ? r.StoryText : null, media, command.Now),
        ];
    }

    /// <summary>T1: the category's window, in the campaign's time zone, by the server clock.</summary>
    public static void CheckWindow(CampaignDefinition campaign, Category category, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, campaign.Zone).DateTime;
        if (!category.Submissions.Contains(local))
            throw new RuleViolationException("T1",
                $"{category.Name}的申报时间为{category.Submissions.Opens:yyyy-MM-dd HH:mm}至{category.Submissions.Closes:yyyy-MM-dd HH:mm}（{campaign.TimeZone}），现在是{local:yyyy-MM-dd HH:mm}。",
                $"{category.Name} accepts entries from {category.Submissions.Opens:yyyy-MM-dd HH:mm} to {category.Submissions.Closes:yyyy-MM-dd HH:mm} ({campaign.TimeZone}); it is now {local:yyyy-MM-dd HH:mm}.");
    }

    /// <summary>Q2: who the entry is by — the named members, or the individual submitter themself.</summary>
    public static IReadOnlyList<string> MemberIds(SubmitEntryRequest r, string userId)
    {
        var ids = (r.Members ?? []).Select(m => m.Id.Trim()).Where(id => id.Length > 0).Distinct().ToList();
        if (ids.Count == 0 && r.Port == SubmissionPorts.Individual) return [userId];
        if (ids.Count == 0) throw new RuleViolationException("Q2", "组织申报须注明作者（组合须列出每位成员）及其唯一标识。", "An organization's entry names its author (or every member of a group) with a stable id.");
        return ids;
    }
}

public static class SubmitEntryEndpoint
{
    public static void MapSubmitEntry(this RouteGroupBuilder entries) =>
        entries.MapPost("/", async (SubmitEntryRequest request, ClaimsPrincipal user, CampaignCatalog campaigns,
                TimeProvider clock, ISessionFactory sessions, CancellationToken ct) =>
            {
                if (campaigns.Find(request.CampaignId) is not { } campaign)
                    return Results.Problem(statusCode: 404, title: "Unknown campaign", detail: $"No campaign '{request.CampaignId}'.");

                var isAdmin = user.IsInRole(Roles.OrganizationAdministrator) && user.OrganizationId() == request.OrganizationId;
                var id = Guid.CreateVersion7();
                for (var attempt = 1; ; attempt++)
                {
                    await using var session = sessions.OpenSession();
                    var media = await MediaAttachments.ResolveAsync(session, request.Media ?? [], request.CampaignId, request.CategoryId, user.UserId(), ct);
                    var command = new SubmitEntry(id, request, user.UserId(), isAdmin, clock.GetUtcNow(), media);
                    var events = SubmitEntryDecision.Decide(campaign, command);
                    var places = await Places.ClaimAsync(session, campaign, campaign.FindCategory(request.CategoryId)!, request.OrganizationId,
                        SubmitEntryDecision.MemberIds(request, user.UserId()), id, ct);
                    session.Events.StartStream<Entry>(id, events);
                    foreach (var place in places) session.Insert(place);
                    try
                    {
                        await session.SaveChangesAsync(ct);
                        return Results.Created($"/entries/{id}", await session.LoadAsync<Entry>(id, ct));
                    }
                    catch (DocumentAlreadyExistsException) when (attempt < 25)
                    {
                        // Another entry took the same place at the same moment: look again for a free one.
                        await Task.Delay(Random.Shared.Next(1, 10 * attempt), ct);
                    }
                }
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Submitter, Roles.OrganizationAdministrator))
            .WithName("SubmitEntry")
            .WithSummary("Submit an entry through the organization or the individual port (O3, T1, C1, Q2, Q3).")
            .ProducesProblem(422).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
}

public static class MediaAttachments
{
    /// <summary>Finished uploads of the caller, for this campaign and category, as media references.</summary>
    public static async Task<IReadOnlyList<MediaReference>> ResolveAsync(IQuerySession session, IReadOnlyList<AttachedMedia> media,
        string campaignId, string categoryId, string userId, CancellationToken ct)
    {
        var uploads = (await session.LoadManyAsync<Upload>(ct, media.Select(m => m.UploadId).ToArray())).ToDictionary(u => u.Id);
        return media.Select(m => uploads.GetValueOrDefault(m.UploadId) is { Completed: true } u && u.CreatedBy == userId
                                 && u.CampaignId == campaignId && u.CategoryId == categoryId
                ? new MediaReference(m.Role, u.Sha256!, u.Length, u.FileName, m.Caption)
                : throw new BadHttpRequestException($"Upload {m.UploadId} is not a finished upload of yours for this category.", 422))
            .ToList();
    }
}
