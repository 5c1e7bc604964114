using Marten;
using Microsoft.Extensions.Options;

namespace Campaign.Submission.Uploads;

/// <summary>Removes abandoned uploads — unfinished past their expiry — with their bytes.</summary>
public sealed class ExpiredUploadSweeper(IDocumentStore store, IOptions<UploadOptions> options, TimeProvider clock, ILogger<ExpiredUploadSweeper> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepEvery, clock);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Sweeping expired uploads failed; trying again at the next tick");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> SweepAsync(CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var now = clock.GetUtcNow();
        var expired = await session.Query<Upload>().Where(u => u.Sha256 == null && u.ExpiresAt < now).Take(500).ToListAsync(ct);
        foreach (var upload in expired)
        {
            File.Delete(options.Value.PartFile(upload.Id));
            session.Delete(upload);
        }
        await session.SaveChangesAsync(ct);
        return expired.Count;
    }
}
