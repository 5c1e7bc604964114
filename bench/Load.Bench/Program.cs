using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Campaign.Load.Bench;
using Campaign.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

// Deadline day (issue 15): the whole platform in the AppHost takes ENTRIES entries — stories, and
// every VIDEO_EVERY-th a video with small generated media (0: stories only) — from CLIENTS concurrent
// clients, bounded by SECONDS; set against raw RabbitMQ and raw PostgreSQL measured in the same run.
// bench/run.sh passes: REPORT SVG [ENTRIES] [CLIENTS] [SECONDS] [VIDEO_EVERY]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var (report, svg) = (Path.GetFullPath(args[0]), Path.GetFullPath(args[1]));
var entries = args.Length > 2 ? int.Parse(args[2]) : 5000;
var clients = args.Length > 3 ? int.Parse(args[3]) : 50;
var bound = TimeSpan.FromSeconds(args.Length > 4 ? int.Parse(args[4]) : 300);
var videoEvery = args.Length > 5 ? int.Parse(args[5]) : 10;
const string Campaign = "test-2026";

var servers = await TestServers.GetAsync();

// The ceilings, before the platform starts, on the same servers.
var ceilingDatabase = new NpgsqlConnectionStringBuilder(servers.Postgres) { Database = $"bench_ceiling_{Guid.NewGuid():N}"[..30] };
await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(servers.Postgres) { Database = "postgres" }.ConnectionString))
{
    await admin.OpenAsync();
    await new NpgsqlCommand($"create database {ceilingDatabase.Database}", admin).ExecuteNonQueryAsync();
}
var rabbitCeiling = await Ceilings.RabbitMqAsync(await servers.NewVirtualHostAsync(), 20_000);
var pgSingle = await Ceilings.PostgresAsync(ceilingDatabase.ConnectionString, 8_000, 1, 8);
var pgBatched = await Ceilings.PostgresAsync(ceilingDatabase.ConnectionString, 200_000, 100, 8);
Console.WriteLine($"ceilings: RabbitMQ {rabbitCeiling:N0} msg/s, PostgreSQL {pgSingle:N0} one-row tx/s, {pgBatched:N0} rows/s in 100-row tx");

// The test campaign without the story quota (50 places would end the day early).
var campaigns = Directory.CreateTempSubdirectory("bench-campaigns").FullName;
var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "campaigns", "test-2026.json")),
    documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
definition["categories"]!.AsArray().Single(c => (string?)c!["id"] == "story")!.AsObject().Remove("quotas");
File.WriteAllText(Path.Combine(campaigns, "test-2026.json"), definition.ToJsonString());

var prefix = $"load_{Guid.NewGuid():N}"[..14] + "_";
var vhost = await servers.NewVirtualHostAsync();
var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
[
    $"Infrastructure:Postgres={servers.Postgres}", $"Infrastructure:RabbitMq={vhost}", $"Infrastructure:DatabasePrefix={prefix}",
    $"Campaigns:Directory={campaigns}", "Logging:LogLevel:Default=Warning",
]);
// A health probe that waits behind the day's work is not news here.
builder.Services.AddLogging(l => l.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None));
await using var app = await builder.BuildAsync();
using (var startup = new CancellationTokenSource(TimeSpan.FromMinutes(4)))
{
    await app.StartAsync(startup.Token);
    foreach (var service in new[] { "submission", "mediacheck", "judging", "engagement", "awards" })
        await app.ResourceNotifications.WaitForResourceHealthyAsync(service, startup.Token);
}

var submission = app.CreateHttpClient("submission", "http");
submission.Timeout = TimeSpan.FromMinutes(2);
var token = (await (await submission.PostAsJsonAsync("/identity/dev/token", new { user = "admin-city-a" })).EnsureSuccessStatusCode()
    .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
submission.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

// Small videos, each its own bytes (the media store is content-addressed): 2 s, 160×120, with sound.
var media = Directory.CreateTempSubdirectory("bench-media").FullName;
var videos = Enumerable.Range(0, 20).Select(i => Path.Combine(media, $"clip-{i}.mp4")).ToList();
await Task.WhenAll(videos.Select((file, i) => Tools.FfmpegAsync("-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=2", "-f", "lavfi", "-i",
    "sine=frequency=440:duration=2", "-shortest", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-metadata", $"comment=bench-{i}-{Guid.NewGuid()}", file)));

// One entry (a story, or with VIDEO a clip uploaded by tus first): its id, or null when refused.
async Task<Guid?> SubmitAsync(int i, bool video)
{
    object[] attached = [];
    if (video)
    {
        var bytes = await File.ReadAllBytesAsync(videos[i / videoEvery % videos.Count]);
        using var create = new HttpRequestMessage(HttpMethod.Post, "/uploads");
        create.Headers.Add("Tus-Resumable", "1.0.0");
        create.Headers.Add("Upload-Length", bytes.Length.ToString());
        create.Headers.Add("Upload-Metadata", $"campaignId {B64(Campaign)},categoryId {B64("clip")},filename {B64($"clip-{i}.mp4")}");
        var location = (await submission.SendAsync(create)).EnsureSuccessStatusCode().Headers.Location!;
        using var patch = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new ByteArrayContent(bytes) };
        patch.Headers.Add("Tus-Resumable", "1.0.0");
        patch.Headers.Add("Upload-Offset", "0");
        patch.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        (await submission.SendAsync(patch)).EnsureSuccessStatusCode();
        attached = [new { uploadId = Guid.Parse(location.ToString().TrimEnd('/').Split('/')[^1]), role = "work" }];
    }
    var response = await submission.PostAsJsonAsync("/entries", new
    {
        campaignId = Campaign, categoryId = video ? "clip" : "story", title = $"作品 {i}", organizationId = "city-a", port = "organization",
        consent = new { textVersion = "c1-2026", accepted = true }, storyText = video ? null : "三十年如一日，他守护着高炉的火焰，也守护着梦想。",
        members = new[] { new { id = $"staff-{i}", name = $"职工{i}" } }, media = attached,
    });
    if (!response.IsSuccessStatusCode) { Console.Error.WriteLine(await response.Content.ReadAsStringAsync()); return null; }
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
}

// A platform that has run all campaign is warm on its last day: WARMUP stories (not counted) go through every service
// before the day starts, so the figures are not those of code being compiled and connections being opened.
var warmup = clients * 4;
var warm = (await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
{
    var ids = new List<Guid?>();
    for (var k = client; k < warmup; k += clients) ids.Add(await SubmitAsync(1_000_000 + k, video: false));
    return ids;
}))).SelectMany(ids => ids).OfType<Guid>().ToHashSet();
var warmUntil = DateTime.UtcNow + TimeSpan.FromMinutes(2);
while ((await CheckedAsync("submission")).Keys.Count(warm.Contains) < warm.Count && DateTime.UtcNow < warmUntil) await Task.Delay(500);
Console.WriteLine($"warm: {warm.Count} stories through the platform");

// Watching while the day runs: queue depths (management API) and each service's CPU and memory (/proc).
var samples = new ConcurrentQueue<Sample>();
using var watching = new CancellationTokenSource();
var watcher = Task.Run(async () =>
{
    using var management = new HttpClient { BaseAddress = servers.Management };
    management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(servers.RabbitMq.UserInfo)));
    var vhostName = Uri.EscapeDataString(vhost.AbsolutePath.Trim('/'));
    var previous = new Dictionary<string, (double Cpu, DateTime At)>();
    var clock = Stopwatch.StartNew();
    while (!watching.IsCancellationRequested)
    {
        var queues = new Dictionary<string, long>();
        try
        {
            foreach (var q in (await management.GetFromJsonAsync<JsonElement[]>($"api/queues/{vhostName}"))!)
                queues[q.GetProperty("name").GetString()!] = q.TryGetProperty("messages", out var m) ? m.GetInt64() : 0;
        }
        catch (HttpRequestException) { }
        var services = new Dictionary<string, (double CpuPercent, long Rss)>();
        foreach (var (name, pid) in Services.Pids())
        {
            var cpu = Services.CpuSeconds(pid);
            var now = DateTime.UtcNow;
            // A service restarted under another process id starts its count again: no negative share.
            var percent = previous.TryGetValue(name, out var p) && cpu >= p.Cpu ? 100 * (cpu - p.Cpu) / (now - p.At).TotalSeconds : 0;
            previous[name] = (cpu, now);
            services[name] = (percent, Services.Rss(pid));
        }
        samples.Enqueue(new Sample(clock.Elapsed.TotalSeconds, queues, services));
        try { await Task.Delay(1000, watching.Token); } catch (TaskCanceledException) { }
    }
});

// The day: CLIENTS clients submit until ENTRIES are in or the time is up.
var submitted = new ConcurrentBag<(Guid Id, DateTimeOffset At, double Seconds, bool Video)>();
var refused = 0;
var next = -1;
var day = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
{
    int i;
    while ((i = Interlocked.Increment(ref next)) < entries && day.Elapsed < bound)
    {
        var video = videoEvery > 0 && i % videoEvery == 0;
        var started = Stopwatch.StartNew();
        if (await SubmitAsync(i, video) is not { } id) { Interlocked.Increment(ref refused); continue; }
        submitted.Add((id, DateTimeOffset.UtcNow, started.Elapsed.TotalSeconds, video));
    }
}));
var submitting = day.Elapsed;
Console.WriteLine($"{submitted.Count} entries in {submitting.TotalSeconds:N1} s ({refused} refused)");

// Until every entry's history has its media check, or two minutes more.
async Task<Dictionary<Guid, DateTimeOffset>> CheckedAsync(string service) => await FirstAsync(service, "media_checked");
async Task<Dictionary<Guid, DateTimeOffset>> FirstAsync(string service, string type)
{
    await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(servers.Postgres) { Database = prefix + service }.ConnectionString);
    await connection.OpenAsync();
    await using var reader = await new NpgsqlCommand($"select stream_id, min(timestamp) from {service}.mt_events where type = '{type}' group by stream_id", connection)
        .ExecuteReaderAsync();
    var result = new Dictionary<Guid, DateTimeOffset>();
    while (await reader.ReadAsync()) result[reader.GetGuid(0)] = reader.GetFieldValue<DateTimeOffset>(1);
    return result;
}
var waitUntil = DateTime.UtcNow + TimeSpan.FromMinutes(2);
Dictionary<Guid, DateTimeOffset> inHistory;
var dayIds = submitted.Select(s => s.Id).ToHashSet();
while ((inHistory = (await CheckedAsync("submission")).Where(e => dayIds.Contains(e.Key)).ToDictionary()).Count < submitted.Count && DateTime.UtcNow < waitUntil)
    await Task.Delay(1000);
var total = day.Elapsed;
await Task.Delay(2000);
watching.Cancel();
await watcher;
var decided = await CheckedAsync("mediacheck");
var heard = await FirstAsync("mediacheck", "entry_submitted");

double[] Latencies(Dictionary<Guid, DateTimeOffset> at, bool? video = null) =>
    [.. submitted.Where(s => at.ContainsKey(s.Id) && (video is null || s.Video == video)).Select(s => (at[s.Id] - s.At).TotalSeconds).Order()];
static double P(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
var toChecked = Latencies(decided);
var toHistory = Latencies(inHistory);
var posting = submitted.Select(s => s.Seconds).Order().ToArray();
var throughput = inHistory.Count / total.TotalSeconds;
var accepted = submitted.Count / submitting.TotalSeconds;
var messagesPerEntry = 4; // EntrySubmitted to MediaCheck and Judging, MediaChecked to Submission and Judging (the fewest an entry causes)
var list = samples.ToList();

var md = new StringBuilder();
md.AppendLine(videoEvery > 0 ? "## Deadline day: the whole platform under load (issue 15)" : "## Deadline day, stories only: the platform without the media tools");
md.AppendLine();
md.AppendLine($"The AppHost (Release build) with all five services on this machine's PostgreSQL and RabbitMQ; {clients} clients submit {submitted.Count:N0} entries ");
md.AppendLine((videoEvery > 0 ? $"(one in {videoEvery} a video of 2 s uploaded by tus, the rest stories)" : "(stories only: no upload, no media tool)") +
    $" through the organization port, bounded at {entries:N0} entries or {bound.TotalSeconds:N0} s, after {warm.Count:N0} stories (not counted) have warmed every service. ");
md.AppendLine("Latencies are from the submission's answer to the `MediaChecked` event recorded by MediaCheck and to that check appearing in the entry's history in Submission (both from the services' event tables).");
md.AppendLine();
md.AppendLine("| what | figure |");
md.AppendLine("|---|---|");
md.AppendLine($"| entries accepted (submission answered) | {submitted.Count:N0} in {submitting.TotalSeconds:N1} s = **{accepted:N1} entries/s** ({refused} refused) |");
md.AppendLine($"| entries with a complete history (checked and recorded) | {inHistory.Count:N0} in {total.TotalSeconds:N1} s = **{throughput:N1} entries/s** (target ≥ 100) |");
md.AppendLine($"| submission request p50 / p95 / p99 | {P(posting, .5):N2} / {P(posting, .95):N2} / {P(posting, .99):N2} s |");
md.AppendLine($"| submission → `MediaChecked` p50 / p95 / p99 | {P(toChecked, .5):N2} / **{P(toChecked, .95):N2}** / {P(toChecked, .99):N2} s (target p95 < 2 s) |");
var toHeard = Latencies(heard, video: false);
md.AppendLine($"| … of which the hop: submission → heard by MediaCheck (Submission's outbox, the broker, MediaCheck's queue), stories p50 / p95 / p99 | {P(toHeard, .5):N2} / {P(toHeard, .95):N2} / {P(toHeard, .99):N2} s |");
md.AppendLine($"| submission → complete history p50 / p95 / p99 | {P(toHistory, .5):N2} / {P(toHistory, .95):N2} / {P(toHistory, .99):N2} s |");
foreach (var (kind, video) in new[] { ("stories", false), ("videos", true) })
{
    var l = Latencies(decided, video);
    if (l.Length == 0) continue;
    md.AppendLine($"| … {kind} only: submission → `MediaChecked` p50 / p95 / p99 | {P(l, .5):N2} / {P(l, .95):N2} / {P(l, .99):N2} s ({l.Length:N0}) |");
}
md.AppendLine($"| RabbitMQ ceiling (persistent, confirms, publish → consume) | {rabbitCeiling:N0} msg/s; the platform used ≥ {messagesPerEntry * throughput:N0} msg/s = {messagesPerEntry * throughput / rabbitCeiling:P1} of it |");
md.AppendLine($"| PostgreSQL ceiling, one-row transactions (8 connections) | {pgSingle:N0} tx/s; the platform's entries/s = {throughput / pgSingle:P1} of it |");
md.AppendLine($"| PostgreSQL ceiling, 100-row transactions (8 connections) | {pgBatched:N0} rows/s |");
foreach (var service in list.SelectMany(s => s.Services.Keys).Distinct().Order())
{
    var cpu = list.Where(s => s.Services.ContainsKey(service)).Select(s => s.Services[service].CpuPercent).ToList();
    var rss = list.Where(s => s.Services.ContainsKey(service)).Select(s => s.Services[service].Rss).ToList();
    md.AppendLine($"| {service}: CPU mean / peak, memory peak | {cpu.Average():N0} % / {cpu.Max():N0} % (of one core), {rss.Max() / 1048576.0:N0} MB |");
}
var deepest = list.SelectMany(s => s.Queues).GroupBy(q => q.Key).Select(g => (Queue: g.Key, Max: g.Max(x => x.Value))).OrderByDescending(x => x.Max).Take(4).ToList();
md.AppendLine($"| deepest queues | {string.Join(", ", deepest.Select(d => $"`{d.Queue}` {d.Max:N0}"))} |");
md.AppendLine();
md.AppendLine($"![Queue depths and CPU per service over the day](images/{Path.GetFileName(svg)})");
md.AppendLine();
File.WriteAllText(report, md.ToString());
File.WriteAllText(svg, Chart.Draw(list, submitting.TotalSeconds));
Console.WriteLine(md);

static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

public sealed record Sample(double At, IReadOnlyDictionary<string, long> Queues, IReadOnlyDictionary<string, (double CpuPercent, long Rss)> Services);
