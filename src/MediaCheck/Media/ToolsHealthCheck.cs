using Campaign.MediaCheck.Checks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Campaign.MediaCheck.Media;

/// <summary>
/// ffprobe and ffmpeg run (<c>-version</c>) where <c>MediaCheck:Ffprobe</c> / <c>MediaCheck:Ffmpeg</c> say: without them
/// every check would fail. A good answer is kept for a minute, so <c>/health</c> never starts processes at the rate it is asked.
/// </summary>
public sealed class ToolsHealthCheck(IOptions<MediaCheckOptions> options, TimeProvider clock) : IHealthCheck
{
    private DateTimeOffset _goodUntil = DateTimeOffset.MinValue;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (clock.GetUtcNow() < _goodUntil) return HealthCheckResult.Healthy();
        foreach (var (name, tool) in new[] { ("ffprobe", options.Value.Ffprobe), ("ffmpeg", options.Value.Ffmpeg) })
        {
            try
            {
                var run = await Tool.RunAsync(tool, ["-version"], TimeSpan.FromSeconds(5), ct);
                if (run.ExitCode != 0)
                    return new HealthCheckResult(context.Registration.FailureStatus, $"{name} (MediaCheck:{Capitalized(name)}) exits with {run.ExitCode}");
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or TimeoutException)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, $"{name} (MediaCheck:{Capitalized(name)}) does not run", e);
            }
        }
        _goodUntil = clock.GetUtcNow().AddMinutes(1);
        return HealthCheckResult.Healthy();
    }

    private static string Capitalized(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}
