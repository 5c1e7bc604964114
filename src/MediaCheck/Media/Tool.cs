using System.Diagnostics;

namespace Campaign.MediaCheck.Media;

public sealed record ToolResult(int ExitCode, byte[] Output, string Errors);

/// <summary>
/// Runs ffprobe/ffmpeg with a time limit; an overrunning process and its children are killed. The tools
/// run below normal priority: a check is background work, and on deadline day two of them took both
/// cores of the machine from the intake and the services that record the day (docs/benchmarks.md).
/// They still get every cycle nothing else wants.
/// </summary>
public static class Tool
{
    public static async Task<ToolResult> RunAsync(string file, IReadOnlyList<string> args, TimeSpan limit, CancellationToken ct)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        LowerPriority(process);
        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limit);
        var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output, timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await Task.WhenAll(copy, errors, process.WaitForExitAsync(timeout.Token));
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            ct.ThrowIfCancellationRequested();
            throw new TimeoutException($"{Path.GetFileName(file)} ran longer than {limit.TotalSeconds:0} s and was stopped");
        }
        return new ToolResult(process.ExitCode, output.ToArray(), await errors);
    }

    private static void LowerPriority(Process process)
    {
        try
        {
            process.PriorityClass = ProcessPriorityClass.BelowNormal;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already ended, or the system does not allow it: the check runs at normal priority.
        }
    }
}
