using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Campaign.Campaigns;
using Campaign.Media;
using Campaign.ServiceDefaults.Identity;
using static Campaign.Bench.BenchProcesses;

// `lean PORT DIR [64k]`: the ceiling (issue 15) — Kestrel with logging off, the request's BodyReader copied
// to a FileStream with a 1 MiB buffer. Nothing else: no auth, no hash, no database, and of tus only what a
// client needs to send (/tus: creation, PATCH at an offset). With
// "64k", Kestrel reads the socket into the Submission service's 64 KB blocks: the ceiling it would
// have with the same server settings, shown beside the issue's.
if (args is ["lean", var listenPort, var leanDir, .. var variant])
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.Logging.ClearProviders();
    if (variant is ["64k"]) builder.Services.AddSingleton<Microsoft.AspNetCore.Connections.IMemoryPoolFactory<byte>, Campaign.Submission.Uploads.LargeBlockMemoryPoolFactory>();
    builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
    var app = builder.Build();
    app.MapPut("/lean", async (HttpContext http) =>
    {
        await using var file = new FileStream(Path.Combine(leanDir, Guid.NewGuid().ToString("N")), FileMode.CreateNew, FileAccess.Write,
            FileShare.None, 1 << 20, FileOptions.Asynchronous);
        await http.Request.BodyReader.CopyToAsync(file);
        return Results.NoContent();
    });
    // The least a tus server can do for tus-js-client: create a file, append each PATCH to it the same way, say the offset.
    // No auth, no checks, no hash: what the client reaches on this machine when the server costs nothing else.
    app.MapPost("/tus", (HttpContext http) =>
    {
        var id = Guid.NewGuid().ToString("N");
        File.Create(Path.Combine(leanDir, id)).Dispose();
        http.Response.Headers.Location = $"/tus/{id}";
        http.Response.Headers["Tus-Resumable"] = "1.0.0";
        return Results.StatusCode(201);
    });
    app.MapPatch("/tus/{id}", async (string id, HttpContext http) =>
    {
        await using var file = new FileStream(Path.Combine(leanDir, id), FileMode.Open, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous);
        file.Seek(long.Parse(http.Request.Headers["Upload-Offset"].ToString()), SeekOrigin.Begin);
        await http.Request.BodyReader.CopyToAsync(file);
        http.Response.Headers["Upload-Offset"] = file.Position.ToString();
        http.Response.Headers["Tus-Resumable"] = "1.0.0";
        return Results.NoContent();
    });
    await app.RunAsync($"http://127.0.0.1:{listenPort}");
    return 0;
}

// bench/run.sh passes: WORK_DIR REPORT SUBMISSION_DLL POSTGRES RABBITMQ TUS_CLIENT_DIR
var (work, report, submissionDll, postgres, rabbit, clientDir) = (Path.GetFullPath(args[0]), Path.GetFullPath(args[1]), args[2], args[3], args[4], args[5]);
const long size = 300_000_000;
const int eight = 8;
var rounds = int.Parse(Environment.GetEnvironmentVariable("UPLOAD_BENCH_ROUNDS") ?? "5");
// Another bench may hold the default ports on a shared machine.
var basePort = int.Parse(Environment.GetEnvironmentVariable("UPLOAD_BENCH_PORT") ?? "5191");
var (oursPort, leanPort, tusPort, lean64Port) = (basePort, basePort + 1, basePort + 2, basePort + 3);
Directory.CreateDirectory(work);
var source = Path.Combine(work, "upload-300mb.bin");
if (!File.Exists(source) || new FileInfo(source).Length != size)
{
    await using var f = File.Create(source);
    var block = new byte[1 << 20];
    for (long w = 0; w < size; w += block.Length) { RandomNumberGenerator.Fill(block); await f.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, size - w))); }
}
var sourceSha = await Sha256Of(source);
var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
var media = Path.Combine(work, "media");
var stored = new FileSystemMediaStore(media);
var leanDirectory = Directory.CreateDirectory(Path.Combine(work, "lean")).FullName;
var lean64Directory = Directory.CreateDirectory(Path.Combine(work, "lean64")).FullName;
var tusDirectory = Directory.CreateDirectory(Path.Combine(work, "tus-server")).FullName;

using var submission = Start("dotnet", [submissionDll], new()
{
    ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{oursPort}", ["ASPNETCORE_ENVIRONMENT"] = "Development" /* the only environment with the development token issuer */,
    ["ConnectionStrings__submission"] = $"{postgres};Database=bench_submission_{Guid.NewGuid():N}"[..100],
    ["ConnectionStrings__rabbitmq"] = rabbit, ["Identity__DevelopmentSigningKey"] = key, ["Media__Root"] = media,
    ["Campaigns__Directory"] = Path.GetFullPath(Path.Combine(clientDir, "..", "campaigns")), ["Logging__LogLevel__Default"] = "Warning",
});
using var lean = Start("dotnet", [System.Reflection.Assembly.GetEntryAssembly()!.Location, "lean", $"{leanPort}", leanDirectory], []);
using var lean64 = Start("dotnet", [System.Reflection.Assembly.GetEntryAssembly()!.Location, "lean", $"{lean64Port}", lean64Directory, "64k"], []);
using var tusServer = Start("node", [Path.Combine(clientDir, "tus-server.mjs"), $"{tusPort}", tusDirectory], [], clientDir);
try
{
foreach (var port in new[] { oursPort, leanPort, tusPort, lean64Port }) await WaitForPort(port);

var token = new DevelopmentIssuer(key, DevelopmentIssuer.DefaultIssuer, DevelopmentIssuer.DefaultAudience, new CampaignCatalog([]))
    .IssueToken(new SampleUser("bench-worker", "Bench", [Roles.Submitter]), TimeSpan.FromHours(1));
using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{oursPort}") };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
http.DefaultRequestHeaders.Add("Tus-Resumable", "1.0.0");

// One PATCH of the whole file, as `curl -T` sends it to the lean endpoint; the creation POST is inside the time.
async Task CurlOurs()
{
    using var create = new HttpRequestMessage(HttpMethod.Post, "/uploads");
    create.Headers.Add("Upload-Length", $"{size}");
    create.Headers.Add("Upload-Metadata", string.Join(',', new[] { ("campaignId", "test-2026"), ("categoryId", "clip"), ("filename", "work.mp4") }
        .Select(m => $"{m.Item1} {Convert.ToBase64String(Encoding.UTF8.GetBytes(m.Item2))}")));
    using var created = (await http.SendAsync(create)).EnsureSuccessStatusCode();
    await Run("curl", "-sS", "-f", "-X", "PATCH", "-T", source, "-o", "/dev/null", "-H", "Tus-Resumable: 1.0.0", "-H", "Upload-Offset: 0",
        "-H", "Content-Type: application/offset+octet-stream", "-H", $"Authorization: Bearer {token}", new Uri(http.BaseAddress!, created.Headers.Location!).ToString());
}
Task CurlLean() => Run("curl", "-sS", "-f", "-T", source, "-o", "/dev/null", $"http://127.0.0.1:{leanPort}/lean");
Task CurlLean64() => Run("curl", "-sS", "-f", "-T", source, "-o", "/dev/null", $"http://127.0.0.1:{lean64Port}/lean");
Task Eight(Func<Task> upload) => Task.WhenAll(Enumerable.Range(0, eight).Select(_ => Task.Run(upload)));
Task<(double Seconds, double ClientCpu, double JoinSeconds)> TusJs(string endpoint, string bearer, params string[] mode) =>
    Node("upload.mjs", [endpoint, bearer, source, "test-2026", "clip", .. mode]);
async Task<(double Seconds, double ClientCpu, double JoinSeconds)> Timed(Func<Task> upload) => (await Time(upload), double.NaN, double.NaN); // curl's CPU is not the question

// Each contender's time in seconds and the bytes it moved; ours and its baselines side by side.
var contenders = new (string Name, long Bytes, Process Server, Func<Task<(double Seconds, double ClientCpu, double JoinSeconds)>> Run)[]
{
    ("curl-ours", size, submission, () => Timed(CurlOurs)),
    ("curl-lean", size, lean, () => Timed(CurlLean)),
    ("curl-lean-64k", size, lean64, () => Timed(CurlLean64)),
    ("eight-ours", eight * size, submission, () => Timed(() => Eight(CurlOurs))),
    ("eight-lean", eight * size, lean, () => Timed(() => Eight(CurlLean))),
    ("eight-lean-64k", eight * size, lean64, () => Timed(() => Eight(CurlLean64))),
    ("tus-js-ours", size, submission, () => TusJs($"http://127.0.0.1:{oursPort}/uploads", token)),
    ("tus-js-ours-parallel", size, submission, () => TusJs($"http://127.0.0.1:{oursPort}/uploads", token, "parallel")),
    ("tus-js-reference", size, tusServer, () => TusJs($"http://127.0.0.1:{tusPort}/files", "")),
    ("tus-js-lean", size, lean, () => TusJs($"http://127.0.0.1:{leanPort}/tus", "")),
    ("tus-js-lean-64k", size, lean64, () => TusJs($"http://127.0.0.1:{lean64Port}/tus", "")),
};
// @tus/server gets the parallel row only if it takes the request tus-js-client's parallelUploads sends first: a part's creation.
var referenceConcat = await ProbeConcatenation($"http://127.0.0.1:{tusPort}/files");
if (referenceConcat.Supported)
    contenders = [.. contenders, ("tus-js-reference-parallel", size, tusServer, () => TusJs($"http://127.0.0.1:{tusPort}/files", "", "parallel"))];
void Clean() { foreach (var dir in new[] { leanDirectory, lean64Directory, tusDirectory, media }) if (Directory.Exists(dir)) foreach (var f in Directory.GetFiles(dir, "*", SearchOption.AllDirectories)) File.Delete(f); }

foreach (var c in contenders) { await c.Run(); Clean(); } // warm up: JIT, page cache, connections
var seconds = contenders.ToDictionary(c => c.Name, _ => new List<double>());
var cpu = contenders.ToDictionary(c => c.Name, _ => new List<double>()); // the server's CPU seconds per GB received
var clientCpu = contenders.ToDictionary(c => c.Name, _ => new List<double>()); // tus-js-client's, the same way
var joins = contenders.ToDictionary(c => c.Name, _ => new List<double>()); // parallel parts: the final upload's creation, which waits for the join
var growth = new Dictionary<string, double> { ["curl-ours"] = 0, ["eight-ours"] = 0 };
for (var i = 0; i < rounds; i++) // interleaved, so every contender sees the same machine
{
    // Each round starts with another contender, and each run starts with the dirty pages of the
    // previous one written back and its files removed: no contender pays for another's disk writes.
    foreach (var (name, bytes, server, run) in contenders.Skip(i % contenders.Length).Concat(contenders.Take(i % contenders.Length)))
    {
        Clean();
        await Run("sync");
        var rssBefore = Rss(submission.Id);
        File.WriteAllText($"/proc/{submission.Id}/clear_refs", "5"); // reset the peak (VmHWM) to now
        var cpuBefore = CpuSeconds(server.Id);
        var (time, client, join) = await run();
        seconds[name].Add(time);
        cpu[name].Add((CpuSeconds(server.Id) - cpuBefore) / (bytes / 1e9));
        if (!double.IsNaN(client)) clientCpu[name].Add(client / (bytes / 1e9));
        if (!double.IsNaN(join)) joins[name].Add(join);
        if (growth.TryGetValue(name, out var g)) growth[name] = Math.Max(g, (Peak(submission.Id) - rssBefore) / 1048576.0);
        if (server == submission) await ArrivedIdentical(name);
    }
}
Clean();

double[] MBps(string name) => seconds[name].Select(s => contenders.Single(c => c.Name == name).Bytes / 1e6 / s).ToArray();
// Ratios of the same round, where ours and its baseline ran a few seconds apart.
double[] Ratios(string ours, string baseline) => MBps(ours).Zip(MBps(baseline), (o, b) => o / b).ToArray();
static string Spread(double[] v, string format) { var s = v.Order().ToArray(); return $"{s[0].ToString(format)} / {s[s.Length / 2].ToString(format)} / {s[^1].ToString(format)}"; }
static double Median(double[] v) => v.Order().ElementAt(v.Length / 2);
string Met(bool met) => met ? "met" : "**missed**";

var targets = new (string Ours, string Baseline, double Target, string What)[]
{
    ("tus-js-ours", "tus-js-reference", 1.5, "tus-js-client: Submission service / `@tus/server` 2.4.5 + `@tus/file-store` 2.1.1"),
    ("curl-ours", "curl-lean", 0.8, "`curl`, one PATCH of the whole file / `curl -T` to the lean endpoint"),
    ("eight-ours", "eight-lean", 0.8, "eight `curl` uploads at once / eight `curl -T` at once to the lean endpoint"),
};
var lines = new List<string>
{
    "## Submission: tus upload of a 300 MB file",
    "",
    $"Measured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores over loopback; {rounds} interleaved rounds, each in another order, with the files of the previous run removed and `sync` before each run; `bash bench/run.sh`.",
    "The Submission service (Release, with its PostgreSQL and RabbitMQ, logging at Warning) computes the SHA-256 of every byte, the media store's address; the others store bytes only.",
    "The lean endpoint is the ceiling: Kestrel with logging off, `Request.BodyReader` copied to a `FileStream` with a 1 MiB buffer, driven by `curl -T`.",
    "Kestrel reads a socket one pool block at a time; ours has 64 KB blocks (4 KB by default), so the lean endpoint is also shown with them (`-64k`), a ceiling ours is not held to since it also hashes.",
    "`curl` sends ours one PATCH of the whole file (its creation POST inside the time); tus-js-client 4.3.1 (Node, 64 MB chunks) drives both tus servers,",
    "and the lean endpoints' own few lines of tus (create a file; append each PATCH the same way; say the offset): what the client reaches on this machine when the server does nothing else.",
    "`tus-js-ours-parallel` is the same client with `parallelUploads: 4`: four parts on four connections (the concatenation extension), which the service joins when the client asks for the final upload,",
    "hashing the whole file then (a part's hash does not make the file's) and copying every part but the first into place: the join is inside the measured time.",
    "After every run on the Submission service, its media store must hold the file at the source's SHA-256, and the stored bytes must hash to it (checked outside the time).",
    "Ratios are taken within a round; the figures are min / median / max; a target is judged on the median, and its minimum is shown beside it.",
    "",
    "| contender | MB/s (min / median / max) | server CPU s per GB (min / median / max) | client CPU s per GB (median) |",
    "|---|---|---|---|",
};
foreach (var c in contenders)
    lines.Add($"| {c.Name} | {Spread(MBps(c.Name), "0")} | {Spread(cpu[c.Name].ToArray(), "0.00")} | {(clientCpu[c.Name] is [_, ..] client ? Median(client.ToArray()).ToString("0.00") : "")} |");
if (!referenceConcat.Supported)
    lines.Add($"| tus-js-reference-parallel | not measurable: `@tus/server` answered a part's creation (`Upload-Concat: partial`) with {referenceConcat.Answer}; its `Tus-Extension`: {referenceConcat.Extensions} | | |");
lines.AddRange(["", "| ratio | min / median / max | target |", "|---|---|---|"]);
foreach (var t in targets)
{
    var r = Ratios(t.Ours, t.Baseline);
    lines.Add($"| {t.What} | **{Spread(r, "0.00")}** | ≥ {t.Target:0.0#}: {Met(Median(r) >= t.Target)} (median){(r.Min() < t.Target ? $", min below" : "")} |");
}
// Not a target: how much of the lean ceiling's distance is Kestrel's buffer size, and what hashing every byte costs at equal settings.
lines.Add($"| `curl`, one PATCH / `curl -T` to the lean endpoint with the same 64 KB Kestrel blocks as ours | {Spread(Ratios("curl-ours", "curl-lean-64k"), "0.00")} | none (ours hashes, it does not) |");
lines.Add($"| eight at once / eight at once to the lean endpoint with 64 KB blocks | {Spread(Ratios("eight-ours", "eight-lean-64k"), "0.00")} | none |");
// The client's ceiling: in each round the faster of the two lean tus endpoints. On 2 cores the client and the server share the machine.
var tusCeiling = MBps("tus-js-lean").Zip(MBps("tus-js-lean-64k"), Math.Max).ToArray();
var reference = MBps("tus-js-reference");
lines.Add($"| tus-js-client: Submission service / the lean tus endpoint, the faster block size of each round (the client's ceiling) | {Spread(MBps("tus-js-ours").Zip(tusCeiling, (o, c) => o / c).ToArray(), "0.00")} | none |");
lines.Add($"| tus-js-client: that ceiling / `@tus/server`: the most any server shows against it on this machine | {Spread(tusCeiling.Zip(reference, (c, r) => c / r).ToArray(), "0.00")} | none (the first target needs 1.5 of it) |");
lines.Add($"| tus-js-client with `parallelUploads: 4` / one connection, both to the Submission service | {Spread(Ratios("tus-js-ours-parallel", "tus-js-ours"), "0.00")} | none |");
lines.Add($"| tus-js-client with `parallelUploads: 4` to the Submission service / one connection to `@tus/server` | {Spread(Ratios("tus-js-ours-parallel", "tus-js-reference"), "0.00")} | none |");
if (referenceConcat.Supported)
    lines.Add($"| tus-js-client with `parallelUploads: 4`: Submission service / `@tus/server` | {Spread(Ratios("tus-js-ours-parallel", "tus-js-reference-parallel"), "0.00")} | none |");
double CpuMedian(string name) => Median(cpu[name].ToArray());
lines.AddRange([
    $"| peak memory growth of the service, one 300 MB upload (VmHWM − VmRSS before; the largest of {rounds} runs) | {growth["curl-ours"]:0.0} MB | < 32 MB: {Met(growth["curl-ours"] < 32)} |",
    $"| peak memory growth of the service, eight 300 MB uploads at once | {growth["eight-ours"]:0.0} MB | < 128 MB: {Met(growth["eight-ours"] < 128)} |",
    "",
    $"Where the service's time goes, in server CPU per GB received (medians): one upload {CpuMedian("curl-ours"):0.00} s, against {CpuMedian("curl-lean-64k"):0.00} s for the lean endpoint with the same Kestrel blocks;"
    + $" eight at once {CpuMedian("eight-ours"):0.00} s against {CpuMedian("eight-lean-64k"):0.00} s. The SHA-256 of a GB takes {ShaSecondsPerGb():0.00} s on one core of this machine (measured in this run): ours computes it, the others do not.",
    "",
    $"With `parallelUploads: 4`, the client's last request, the final upload's creation, is answered once the service has joined the parts (hashed 300 MB, copied the last three parts' 225 MB):"
    + $" it took {Median(joins["tus-js-ours-parallel"].ToArray()):0.00} s of the upload's {Median(seconds["tus-js-ours-parallel"].ToArray()):0.00} s (medians; one connection: {Median(seconds["tus-js-ours"].ToArray()):0.00} s).",
    "",
]);
foreach (var line in lines) Console.WriteLine(line);
await File.WriteAllLinesAsync(report, lines);
return targets.All(t => Median(Ratios(t.Ours, t.Baseline)) >= t.Target) && growth["curl-ours"] < 32 && growth["eight-ours"] < 128 ? 0 : 1;
}
finally
{
    foreach (var p in new[] { submission, lean, lean64, tusServer }) p.Kill(entireProcessTree: true);
}

// The bytes as they arrived: the service's media store has a file at the source's address (the service's own hash), and it hashes to it here.
async Task ArrivedIdentical(string name)
{
    var path = await stored.GetLocalPathAsync(sourceSha, CancellationToken.None)
        ?? throw new InvalidOperationException($"{name}: the media store holds nothing at the source's SHA-256 {sourceSha}");
    if (await Sha256Of(path) != sourceSha) throw new InvalidOperationException($"{name}: {path} does not hash to the source's SHA-256");
}

static async Task<string> Sha256Of(string path)
{
    await using var file = File.OpenRead(path);
    return Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
}

// What a tus server answers to the creation of a part (what parallelUploads sends first), and the extensions its OPTIONS names.
static async Task<(bool Supported, string Answer, string Extensions)> ProbeConcatenation(string endpoint)
{
    using var client = new HttpClient();
    using var options = await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, endpoint) { Headers = { { "Tus-Resumable", "1.0.0" } } });
    var extensions = options.Headers.TryGetValues("Tus-Extension", out var e) ? string.Join(',', e) : "none";
    using var part = new HttpRequestMessage(HttpMethod.Post, endpoint)
    {
        Headers = { { "Tus-Resumable", "1.0.0" }, { "Upload-Length", "1" }, { "Upload-Concat", "partial" } },
    };
    using var answer = await client.SendAsync(part);
    var body = (await answer.Content.ReadAsStringAsync()).Trim();
    return (answer.StatusCode == System.Net.HttpStatusCode.Created, $"{(int)answer.StatusCode}{(body is "" ? "" : $" \"{body}\"")}", $"`{extensions}`");
}

// SHA-256 alone, in memory on one core: the least any content-addressed upload costs beyond storing bytes.
static double ShaSecondsPerGb()
{
    var block = RandomNumberGenerator.GetBytes(1 << 20);
    var best = double.MaxValue;
    for (var run = 0; run < 3; run++)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 256; i++) hash.AppendData(block);
        best = Math.Min(best, watch.Elapsed.TotalSeconds / (256.0 * block.Length / 1e9));
    }
    return best;
}

async Task<(double Seconds, double ClientCpu, double JoinSeconds)> Node(string script, params string[] a)
{
    var info = new ProcessStartInfo("node") { WorkingDirectory = clientDir, RedirectStandardOutput = true };
    info.ArgumentList.Add(script);
    foreach (var x in a) info.ArgumentList.Add(x);
    using var p = Process.Start(info)!;
    var output = await p.StandardOutput.ReadToEndAsync();
    await p.WaitForExitAsync();
    if (p.ExitCode != 0) throw new InvalidOperationException($"node {script} failed");
    var result = JsonDocument.Parse(output).RootElement;
    return (result.GetProperty("seconds").GetDouble(), result.GetProperty("cpuSeconds").GetDouble(),
        result.TryGetProperty("joinSeconds", out var join) && join.ValueKind == JsonValueKind.Number ? join.GetDouble() : double.NaN);
}

static async Task Run(string file, params string[] a)
{
    using var p = Process.Start(file, a);
    await p.WaitForExitAsync();
    if (p.ExitCode != 0) throw new InvalidOperationException($"{file} exited {p.ExitCode}");
}
