using Campaign.Campaigns;
using Campaign.Contracts.MediaCheck;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.MediaCheck.Checks;

public static class GetCheckEndpoint
{
    public static void MapGetCheck(this RouteGroupBuilder checks) =>
        checks.MapGet("/{entryId:guid}", async (Guid entryId, IQuerySession session, CancellationToken ct) =>
                (await session.Events.FetchStreamAsync(entryId, token: ct)).Select(e => e.Data).OfType<MediaChecked>().LastOrDefault() is { } check
                    ? Results.Ok(check)
                    : throw Refusal.NotFound("该作品尚未完成媒体检查", "No check for this entry yet"))
            .RequireAuthorization(p => p.RequireRole(Roles.Organizer, Roles.Reviewer, Roles.Operator))
            .WithName("GetCheck")
            .WithSummary("The latest media check of an entry, one finding per rule id.")
            .ProducesProblem(404);
}
