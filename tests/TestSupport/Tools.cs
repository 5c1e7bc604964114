using System.Diagnostics;

namespace Campaign.TestSupport;

/// <summary>The machine's tools and the repository, as tests need them.</summary>
public static class Tools
{
    /// <summary>Runs ffmpeg quietly (test media are made at test time, never committed); throws with its errors if it fails.</summary>
    public static async Task FfmpegAsync(params string[] args)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])["-v", "error", "-y", .. args]) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var errors = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"ffmpeg {string.Join(' ', args)} failed: {errors}");
    }

    /// <summary>The folder of <c>Campaign.sln</c>, above the test's output folder.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Campaign.sln"))) return dir.FullName;
        throw new InvalidOperationException("not inside the repository");
    }
}
