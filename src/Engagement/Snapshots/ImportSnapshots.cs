using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Campaign.Campaigns;
using Campaign.ServiceDefaults.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Campaign.Engagement.Snapshots;

public sealed record ImportError(int Line, string? RuleId, string Chinese, string English);

/// <summary>
/// An operator's upload of a platform's spreadsheet, and how far it has got: rows read so far and
/// what became of them, with every refused row's line and reason. Its id is the file's digest (with
/// the campaign and platform), so the same file uploaded again is the same import and changes nothing.
/// </summary>
public sealed record SnapshotImport(Guid Id, string CampaignId, string PlatformId, string FileSha256, int Rows, int Done,
    int Recorded, int Flagged, int Unchanged, int Refused, IReadOnlyList<ImportError> Errors, string State, string StartedBy,
    DateTimeOffset StartedAt, DateTimeOffset? FinishedAt = null)
{
    public const string Running = "running", Finished = "finished", Failed = "failed";
}

/// <summary>
/// E1: runs an import in the background, in batches through <see cref="SnapshotIngest"/>, saving its
/// progress after each batch so the uploader sees it grow. An import left running by a stopped
/// service is taken up again when the same file is uploaded again (its rows are idempotent).
/// </summary>
public sealed class SnapshotImports(IDocumentStore store, SnapshotIngest ingest, TimeProvider clock, IHostApplicationLifetime lifetime)
{
    public const int BatchRows = 500;
    private readonly ConcurrentDictionary<Guid, Task> _running = new();

    public async Task<SnapshotImport> StartAsync(CampaignDefinition campaign, Platform platform, byte[] file, string user, CancellationToken ct)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{campaign.Id}\n{platform.Id}\n").Concat(file).ToArray());
        var id = new Guid(digest.AsSpan(0, 16));
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<SnapshotImport>(id, ct) is { } existing && (existing.State == SnapshotImport.Finished || _running.ContainsKey(id)))
            return existing;

        var rows = SnapshotCsv.Read(new StreamReader(new MemoryStream(file), Encoding.UTF8, detectEncodingFromByteOrderMarks: true), campaign, platform);
        var import = new SnapshotImport(id, campaign.Id, platform.Id, Convert.ToHexStringLower(digest), rows.Count, 0, 0, 0, 0, 0, [],
            SnapshotImport.Running, user, clock.GetUtcNow());
        session.Store(import);
        await session.SaveChangesAsync(ct);
        _running[id] = Task.Run(() => RunAsync(import, rows, lifetime.ApplicationStopping), CancellationToken.None)
            .ContinueWith(_ => _running.TryRemove(id, out var _), TaskScheduler.Default);
        return import;
    }

    /// <summary>Waits for an import started here to finish (tests, and a graceful stop).</summary>
    public Task WhenFinished(Guid id) => _running.TryGetValue(id, out var task) ? task : Task.CompletedTask;

    private async Task RunAsync(SnapshotImport import, IReadOnlyList<CsvRow> rows, CancellationToken ct)
    {
        try
        {
            foreach (var batch in rows.Chunk(BatchRows))
            {
                var readable = batch.Where(r => r.Row is not null).ToList();
                var outcomes = await ingest.RecordAsync(import.PlatformId, $"import:{import.FileSha256[..12]}:{import.StartedBy}", [.. readable.Select(r => r.Row!)], ct);
                var errors = batch.Where(r => r.Error is not null).Select(r => Error(r.Line, r.Error!))
                    .Concat(outcomes.Where(o => o.Refusal is not null).Select(o => Error(readable[o.Row].Line, o.Refusal!)));
                import = import with
                {
                    Done = import.Done + batch.Length,
                    Recorded = import.Recorded + outcomes.Count(o => o.Outcome == "recorded"),
                    Flagged = import.Flagged + outcomes.Count(o => o.Outcome == "flagged"),
                    Unchanged = import.Unchanged + outcomes.Count(o => o.Outcome == "unchanged"),
                    Refused = import.Refused + batch.Length - readable.Count + outcomes.Count(o => o.Outcome == "refused"),
                    Errors = [.. import.Errors, .. errors.OrderBy(e => e.Line)],
                };
                await SaveAsync(import, ct);
            }
            await SaveAsync(import with { State = SnapshotImport.Finished, FinishedAt = clock.GetUtcNow() }, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await SaveAsync(import with { State = SnapshotImport.Failed, FinishedAt = clock.GetUtcNow(),
                Errors = [.. import.Errors, new ImportError(0, null, $"导入中断：{e.Message}", $"The import stopped: {e.Message}")] }, CancellationToken.None);
        }
    }

    private static ImportError Error(int line, Refusal refusal) =>
        new(line, (refusal as RuleViolationException)?.RuleId, refusal.Chinese, refusal.Message);

    private async Task SaveAsync(SnapshotImport import, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.Store(import);
        await session.SaveChangesAsync(ct);
    }
}

public static class ImportSnapshotsEndpoints
{
    public const int MaxFileBytes = 20 * 1024 * 1024;

    public static void MapImportSnapshots(this WebApplication app)
    {
        app.MapPost("/engagement/{campaignId}/imports", async (string campaignId, string platformId, HttpContext http, ClaimsPrincipal user,
                CampaignCatalog campaigns, SnapshotImports imports, CancellationToken ct) =>
            {
                if (campaigns.Find(campaignId) is not { } campaign || campaign.Platforms.FirstOrDefault(p => p.Id == platformId) is not { } platform)
                    throw Refusal.NotFound("没有这个活动或平台", "Unknown campaign or platform");
                using var body = new MemoryStream();
                await http.Request.Body.CopyToAsync(body, ct);
                var import = await imports.StartAsync(campaign, platform, body.ToArray(), user.UserId(), ct);
                return Results.Accepted($"/engagement/imports/{import.Id}", import);
            })
            .WithTags("Figures")
            .Accepts<string>("text/csv")
            .WithMetadata(new RequestSizeLimitAttribute(MaxFileBytes))
            .RequireAuthorization(p => p.RequireRole(Roles.Operator, Roles.Organizer))
            .WithSummary("Upload a platform's spreadsheet export (CSV, mapped by the platform's csvColumns): 202 with the import, whose progress and per-row errors GET /engagement/imports/{id} shows; the same file again changes nothing (E1).");

        app.MapGet("/engagement/imports/{id:guid}", async (Guid id, IQuerySession session, CancellationToken ct) =>
                await session.LoadAsync<SnapshotImport>(id, ct) is { } import ? Results.Ok(import) : throw Refusal.NotFound("没有这个导入", "No such import"))
            .WithTags("Figures")
            .RequireAuthorization(p => p.RequireRole(Roles.Operator, Roles.Organizer))
            .WithSummary("An import's progress: rows done of all, what became of them, and each refused row's line and reason.");
    }
}
