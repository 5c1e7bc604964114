using Campaign.MediaCheck.Media;

namespace Campaign.MediaCheck.IntegrationTests;

public sealed class RunningTheTools
{
    /// <summary>A check is background work: the tools run below normal priority, so intake keeps the cores on deadline day.</summary>
    [Fact]
    public async Task A_tool_runs_below_normal_priority()
    {
        // The shell reads its own niceness (field 19 of /proc/PID/stat) after the priority was lowered.
        var result = await Tool.RunAsync("sh", ["-c", "sleep 0.5; cut -d' ' -f19 /proc/$$/stat"], TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.True(int.Parse(System.Text.Encoding.ASCII.GetString(result.Output).Trim()) > 0);
    }
}
