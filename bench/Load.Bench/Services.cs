using System.Globalization;

namespace Campaign.Load.Bench;

/// <summary>The platform's service processes as /proc shows them: which they are, their CPU time and their memory.</summary>
public static class Services
{
    private static readonly string[] Names = ["Submission", "MediaCheck", "Judging", "Engagement", "Awards"];
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>Each service's process: the one running its assembly (not a <c>dotnet run</c> launcher, nor a child it forks), the largest if several.</summary>
    public static IEnumerable<(string Name, int Pid)> Pids()
    {
        var processes = Directory.EnumerateDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : -1).Where(pid => pid > 0)
            .Select(pid => (Pid: pid, Command: Read($"/proc/{pid}/cmdline").Replace('\0', ' '))).ToList();
        foreach (var name in Names)
        {
            var candidates = processes.Where(p => p.Command.Contains($"Campaign.{name}", StringComparison.Ordinal) && !p.Command.Contains(" run ", StringComparison.Ordinal)).ToList();
            // A tool being started is, between fork and exec, a copy of its service with the same command line: not the service.
            var pids = candidates.Select(c => c.Pid).ToHashSet();
            var services = candidates.Where(c => !pids.Contains(ParentOf(c.Pid))).ToList();
            if (services.Count > 0) yield return (name.ToLowerInvariant(), services.MaxBy(p => Rss(p.Pid)).Pid);
        }
    }

    /// <summary>User and system CPU seconds the process has used.</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = Read($"/proc/{pid}/stat");
        if (stat.Length == 0) return 0;
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    private static int ParentOf(int pid)
    {
        var stat = Read($"/proc/{pid}/stat");
        return stat.Length == 0 ? 0 : int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
    }

    public static long Rss(int pid) =>
        Read($"/proc/{pid}/status").Split('\n').FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)) is { } line
            ? long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024 : 0;

    private static string Read(string path)
    {
        try { return File.ReadAllText(path); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }
}
