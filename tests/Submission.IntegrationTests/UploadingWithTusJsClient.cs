using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Campaign.Submission.Uploads;
using Campaign.TestSupport;

namespace Campaign.Submission.IntegrationTests;

public sealed class KestrelSubmissionFixture() : ServiceFactory<Program>("submission", kestrel: true);

/// <summary>Interoperability with the real tus-js-client from npm, run by Node against a real socket.</summary>
public sealed class UploadingWithTusJsClient(KestrelSubmissionFixture service) : IClassFixture<KestrelSubmissionFixture>
{
    public static readonly string ClientFolder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../tus-client"));

    [Fact]
    public async Task A_300_MB_upload_interrupted_halfway_and_resumed_arrives_byte_identical()
    {
        var file = Path.Combine(Path.GetTempPath(), $"tus-300mb-{Guid.NewGuid():N}.bin");
        try
        {
            var expected = await WriteRandomFileAsync(file, 300_000_000);
            var worker = Users.NewWorker();

            var result = await RunNodeAsync("upload.mjs", new Uri(service.ServerAddress, "/uploads").ToString(), Tokens.For(worker), file, "test-2026", "clip", "interrupt");

            Assert.True(result.GetProperty("interruptedAt").GetInt64() > 150_000_000);
            var status = await service.ClientAs(worker).GetFromJsonAsync<TusEndpoints.UploadStatus>(new Uri(result.GetProperty("url").GetString()!).AbsolutePath);
            Assert.Equal(300_000_000, status!.Length);
            Assert.Equal(expected, status.Sha256);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_300_MB_file_sent_as_four_parallel_parts_is_joined_byte_identical()
    {
        var file = Path.Combine(Path.GetTempPath(), $"tus-300mb-{Guid.NewGuid():N}.bin");
        try
        {
            var expected = await WriteRandomFileAsync(file, 300_000_000);
            var worker = Users.NewWorker();

            var result = await RunNodeAsync("upload.mjs", new Uri(service.ServerAddress, "/uploads").ToString(), Tokens.For(worker), file, "test-2026", "clip", "parallel");

            var client = service.ClientAs(worker);
            var url = new Uri(result.GetProperty("url").GetString()!).AbsolutePath;
            var status = await client.GetFromJsonAsync<TusEndpoints.UploadStatus>(url);
            Assert.Equal(300_000_000, status!.Length);
            Assert.Equal(expected, status.Sha256);
            using var head = new HttpRequestMessage(HttpMethod.Head, url) { Headers = { { "Tus-Resumable", "1.0.0" } } };
            var concat = (await client.SendAsync(head)).Headers.GetValues("Upload-Concat").Single();
            Assert.Equal(4, concat["final;".Length..].Split(' ').Length); // four parts on four connections, joined by the server
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Random bytes, written a megabyte at a time; returns their SHA-256.</summary>
    public static async Task<string> WriteRandomFileAsync(string path, long length)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var file = File.Create(path);
        var block = new byte[1 << 20];
        for (long written = 0; written < length; written += block.Length)
        {
            RandomNumberGenerator.Fill(block);
            var n = (int)Math.Min(block.Length, length - written);
            hash.AppendData(block, 0, n);
            await file.WriteAsync(block.AsMemory(0, n));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static async Task<JsonElement> RunNodeAsync(string script, params string[] args)
    {
        var info = new ProcessStartInfo("node") { WorkingDirectory = ClientFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var node = Process.Start(info)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await node.WaitForExitAsync(limit.Token);
        Assert.True(node.ExitCode == 0, $"node {script} failed: {await errors}");
        return JsonDocument.Parse(await output).RootElement;
    }
}
