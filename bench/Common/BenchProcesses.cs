using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Campaign.Bench;

/// <summary>What every benchmark does around what it measures: start a process, wait for its port, read its memory, time a step.</summary>
public static class BenchProcesses
{
    public static Process Start(string file, string[] a, Dictionary<string, string> env, string? cwd = null)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, WorkingDirectory = cwd ?? Environment.CurrentDirectory };
        foreach (var x in a) info.ArgumentList.Add(x);
        foreach (var (k, v) in env) info.Environment[k] = v;
        return Process.Start(info)!;
    }

    public static async Task WaitForPort(int port)
    {
        for (var i = 0; i < 300; i++)
        {
            try { using var c = new TcpClient(); await c.ConnectAsync("127.0.0.1", port); return; }
            catch (SocketException) { await Task.Delay(100); }
        }
        throw new TimeoutException($"nothing listens on {port}");
    }

    public static long Rss(int pid) => Status(pid, "VmRSS:");
    public static long Peak(int pid) => Status(pid, "VmHWM:");
    private static long Status(int pid, string field) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field))[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;

    /// <summary>User and system CPU time the process has used so far (utime + stime of /proc/PID/stat, in clock ticks of 1/100 s).</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // after "pid (comm) ", fields start at the 3rd
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    public static async Task<double> Time(Func<Task> action) { var w = Stopwatch.StartNew(); await action(); return w.Elapsed.TotalSeconds; }
}
