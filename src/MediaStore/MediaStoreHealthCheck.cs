using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Campaign.Media;

/// <summary>The media store takes a blob now: an upload or a check would not fail for want of a writable store.</summary>
public sealed class MediaStoreHealthCheck(IMediaStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await store.ProbeWritableAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "the media store cannot be written to", e);
        }
    }
}
