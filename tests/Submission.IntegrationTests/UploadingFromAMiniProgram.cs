using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Campaign.Submission.Uploads;
using Campaign.TestSupport;

namespace Campaign.Submission.IntegrationTests;

/// <summary>
/// The WeChat mini-program module (clients/miniprogram/tus-upload.js) under Node, with a stand-in <c>wx</c>
/// that enforces the mini-program's rules (no PATCH, at most 5 requests at once, ArrayBuffer bodies),
/// against the real service on a real socket (issue 16).
/// </summary>
public sealed class UploadingFromAMiniProgram(KestrelSubmissionFixture service) : IClassFixture<KestrelSubmissionFixture>
{
    private static readonly string ModuleFolder = Path.Combine(Tools.RepositoryRoot(), "clients", "miniprogram");

    [Fact]
    public async Task An_upload_killed_with_the_app_resumes_after_a_restart_arrives_byte_identical_and_its_entry_is_submitted()
    {
        var file = Path.Combine(Path.GetTempPath(), $"mini-{Guid.NewGuid():N}.mp4");
        var storage = Path.Combine(Path.GetTempPath(), $"wx-storage-{Guid.NewGuid():N}.json");
        try
        {
            var expected = await UploadingWithTusJsClient.WriteRandomFileAsync(file, 7_500_000);
            var worker = Users.NewWorkerOf("city-a");
            var apiBase = service.ServerAddress.ToString().TrimEnd('/');

            var killed = await RunAsync(apiBase, Tokens.For(worker), file, storage, "kill-after=3");
            Assert.Equal(3 * 1024 * 1024, killed.GetProperty("killedAfter").GetInt64());

            var resumed = await RunAsync(apiBase, Tokens.For(worker), file, storage, "resume");
            Assert.Equal(3 * 1024 * 1024, resumed.GetProperty("resumedFrom").GetInt64()); // from the server's offset, not from the start
            Assert.DoesNotContain("PATCH", resumed.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
            Assert.InRange(resumed.GetProperty("maxAtOnce").GetInt32(), 1, 5);
            Assert.Equal("", resumed.GetProperty("kept").GetString()); // the entry holds the upload; storage forgets it

            var client = service.ClientAs(worker);
            var status = await client.GetFromJsonAsync<TusEndpoints.UploadStatus>(new Uri(resumed.GetProperty("uploadUrl").GetString()!).AbsolutePath);
            Assert.Equal(expected, status!.Sha256);
            var entry = await client.GetAsync($"/entries/{resumed.GetProperty("entryId").GetString()}");
            Assert.Equal(HttpStatusCode.OK, entry.StatusCode);
            Assert.Contains(expected, await entry.Content.ReadAsStringAsync());
        }
        finally
        {
            File.Delete(file);
            File.Delete(storage);
        }
    }

    private static async Task<JsonElement> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo("node") { WorkingDirectory = ModuleFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("test/upload-entry.js");
        foreach (var a in args) info.ArgumentList.Add(a);
        using var node = Process.Start(info)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await node.WaitForExitAsync(limit.Token);
        Assert.True(node.ExitCode == 0, $"the mini-program module failed: {await errors}");
        return JsonDocument.Parse(await output).RootElement;
    }
}
