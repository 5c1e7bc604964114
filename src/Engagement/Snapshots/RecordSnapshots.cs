using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.ServiceDefaults.Http;
using Campaign.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Campaign.Engagement.Snapshots;

public sealed record SnapshotBatch(IReadOnlyList<SnapshotRow> Snapshots);

/// <summary>One row's result as the caller reads it, its refusal in the caller's language.</summary>
public sealed record RowResult(int Row, Guid? EntryId, string Outcome, string? RuleId = null, string? Message = null);

public sealed record BatchResult(int Recorded, int Flagged, int Unchanged, int Refused, IReadOnlyList<RowResult> Rows)
{
    public static BatchResult Of(IReadOnlyList<RowOutcome> outcomes, bool english) => new(
        outcomes.Count(o => o.Outcome == "recorded"), outcomes.Count(o => o.Outcome == "flagged"),
        outcomes.Count(o => o.Outcome == "unchanged"), outcomes.Count(o => o.Outcome == "refused"),
        outcomes.Select(o => new RowResult(o.Row, o.EntryId, o.Outcome, (o.Refusal as RuleViolationException)?.RuleId, o.Refusal?.In(english))).ToList());
}

public static class RecordSnapshotsEndpoint
{
    public static void MapRecordSnapshots(this WebApplication app) =>
        app.MapPost("/engagement/snapshots", async (SnapshotBatch batch, ClaimsPrincipal user, HttpContext http, SnapshotIngest ingest, CancellationToken ct) =>
            {
                if (user.PlatformId() is not { } platform) throw new Refusal(403, "令牌未指明平台", "The token names no platform");
                var rows = InvalidInputException.NoNulls(batch.Snapshots, "snapshots");
                if (rows.Count > SnapshotIngest.MaxRows)
                    throw new InvalidInputException("snapshots", $"每批最多 {SnapshotIngest.MaxRows} 行，本批 {rows.Count} 行。",
                        $"A batch has at most {SnapshotIngest.MaxRows} rows; this one has {rows.Count}.");
                var outcomes = await ingest.RecordAsync(platform, user.UserId(), rows, ct);
                return Results.Ok(BatchResult.Of(outcomes, RefusalProblems.PrefersEnglish(http)));
            })
            .WithTags("Figures")
            .WithMetadata(new RequestSizeLimitAttribute(1024 * 1024))
            .RequireAuthorization(p => p.RequireRole(Roles.EngagementFeed))
            .WithSummary($"A platform's feed posts up to {SnapshotIngest.MaxRows} snapshots of its own publications' figures (by entry id or publication address); each row gets its own result (E1).");
}
