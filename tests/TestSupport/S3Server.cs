using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.S3;
using Campaign.Media;
using Xunit;

namespace Campaign.TestSupport;

/// <summary>
/// A real S3-compatible server for the run: s3rver (npm, pinned in tests/s3-server) under Node,
/// on a free port, with a bucket, data in a temporary folder. No Docker needed.
/// </summary>
public sealed class S3Server : IAsyncLifetime
{
    private Process? server;
    private readonly string data = Path.Combine(Path.GetTempPath(), $"s3rver-{Guid.NewGuid():N}");

    public const string Bucket = "campaign-media";
    public S3MediaOptions Options { get; private set; } = null!;
    public IAmazonS3 Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort();
        var folder = Path.Combine(Tools.RepositoryRoot(), "tests", "s3-server");
        var info = new ProcessStartInfo("node", [Path.Combine(folder, "node_modules", "s3rver", "bin", "s3rver.js"),
            "-d", data, "-a", "127.0.0.1", "-p", port.ToString(), "--silent", "--configure-bucket", Bucket])
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        Directory.CreateDirectory(data);
        server = Process.Start(info)!;
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        for (var i = 0; ; i++)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, port);
                break;
            }
            catch (SocketException) when (i < 100 && !server.HasExited)
            {
                await Task.Delay(100);
            }
        }
        Options = new S3MediaOptions { ServiceUrl = $"http://127.0.0.1:{port}", Bucket = Bucket, AccessKey = "S3RVER", SecretKey = "S3RVER" };
        Client = S3MediaStore.CreateClient(Options);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public Task DisposeAsync()
    {
        Client?.Dispose();
        if (server is { HasExited: false }) server.Kill(entireProcessTree: true);
        server?.WaitForExit(5000);
        if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        return Task.CompletedTask;
    }
}
