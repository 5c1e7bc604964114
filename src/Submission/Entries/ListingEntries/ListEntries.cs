using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.ServiceDefaults.Http;
using Campaign.ServiceDefaults.Identity;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Campaign.Submission.Entries.ListingEntries;

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

/// <summary>Q1, Q3: an organization's entries per category against its minimum and its quota.</summary>
public sealed record OrganizationProgress(string OrganizationId, string CategoryId, int Entries, int? Minimum, int? Quota, bool MinimumReached);

public static class ListEntriesEndpoints
{
    public static void MapListEntries(this RouteGroupBuilder entries)
    {
        entries.MapGet("/", async Task<Results<Ok<Paged<Entry>>, ValidationProblem>> (HttpContext http, ClaimsPrincipal user, IQuerySession session,
                string? campaignId, string? categoryId, string? organizationId, int? page, int? pageSize, CancellationToken ct) =>
            {
                var (paging, problem) = Paging.From(http, page, pageSize);
                if (problem is not null) return problem;
                var query = session.Query<Entry>().AsQueryable();
                // Individuals see their own entries and the group entries that name them, administrators their
                // organization's (held ones too, awaiting their confirmation), organizers and operators all.
                var me = user.UserId();
                if (!user.IsInRole(Roles.Organizer) && !user.IsInRole(Roles.Operator))
                    query = user.IsInRole(Roles.OrganizationAdministrator) && user.OrganizationId() is { } org
                        ? query.Where(e => e.OrganizationId == org || e.SubmittedBy == me || e.Members!.Contains(me))
                        : query.Where(e => e.SubmittedBy == me || e.Members!.Contains(me));
                if (campaignId is not null) query = query.Where(e => e.CampaignId == campaignId);
                if (categoryId is not null) query = query.Where(e => e.CategoryId == categoryId);
                if (organizationId is not null) query = query.Where(e => e.OrganizationId == organizationId);
                var total = await query.CountAsync(ct);
                var items = await query.OrderByDescending(e => e.SubmittedAt).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
                return TypedResults.Ok(new Paged<Entry>(items, paging.Page, paging.PageSize, total));
            })
            .WithName("ListEntries")
            .WithSummary($"Entries the caller may see, newest first, a page at a time (page 1–{Paging.MaxPage}, pageSize 1–{Paging.MaxPageSize}, default 20).");

        entries.MapGet("/progress/{campaignId}", async (string campaignId, ClaimsPrincipal user, CampaignCatalog campaigns,
                IQuerySession session, CancellationToken ct) =>
            {
                if (campaigns.Find(campaignId) is not { } campaign) throw Refusal.NotFound("没有这个活动", "Unknown campaign");
                var organizations = user.IsInRole(Roles.Organizer) || user.IsInRole(Roles.Operator)
                    ? campaign.Organizations
                    : campaign.Organizations.Where(o => user.IsInRole(Roles.OrganizationAdministrator) && o.Id == user.OrganizationId()).ToList();
                var counts = (await session.Query<Entry>()
                        .Where(e => e.CampaignId == campaignId && e.Status != EntryStatus.Withdrawn && e.Status != EntryStatus.Disqualified
                                    && e.Status != EntryStatus.Held && e.Status != EntryStatus.Declined)
                        .Select(e => new { e.OrganizationId, e.CategoryId }).ToListAsync(ct))
                    .GroupBy(e => (e.OrganizationId, e.CategoryId)).ToDictionary(g => g.Key, g => g.Count());
                return Results.Ok(organizations.SelectMany(o => campaign.Categories.Select(c =>
                {
                    var n = counts.GetValueOrDefault((o.Id, c.Id));
                    int? minimum = c.Minimums.TryGetValue(o.Kind, out var m) ? m : null;
                    int? quota = c.Quotas?.PerOrganization.GetValueOrDefault(o.Id);
                    return new OrganizationProgress(o.Id, c.Id, n, minimum, quota, minimum is null || n >= minimum);
                })).ToList());
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Organizer, Roles.Operator, Roles.OrganizationAdministrator))
            .WithName("GetProgress")
            .WithSummary("Each organization's entries per category against its minimum (Q1, never blocking) and quota (Q3).");
    }
}
