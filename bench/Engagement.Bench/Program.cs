using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Campaign.Campaigns;
using Campaign.Contracts.Judging;
using Campaign.ServiceDefaults.Identity;
using MassTransit;
using Npgsql;
using NpgsqlTypes;
using static Campaign.Bench.BenchProcesses;

// bench/run.sh passes: REPORT ENGAGEMENT_DLL POSTGRES RABBITMQ CAMPAIGNS_DIR
var (report, engagementDll, postgres, rabbit, campaignsDir) = (Path.GetFullPath(args[0]), args[1], args[2], args[3], Path.GetFullPath(args[4]));
const int entries = 1000, rounds = 3, clients = 4, batchRows = 500, hoursPerRound = 5;
var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
var database = $"bench_engagement_{Guid.NewGuid():N}"[..40];
// Another checkout's bench may run on the same machine: CAMPAIGN_BENCH_ENGAGEMENT_PORT moves the service off the default port.
var port = int.TryParse(Environment.GetEnvironmentVariable("CAMPAIGN_BENCH_ENGAGEMENT_PORT"), out var p) ? p : 5291;

using var service = Start("dotnet", [engagementDll], new()
{
    ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}", ["ASPNETCORE_ENVIRONMENT"] = "Development" /* the only environment with the development token issuer */,
    ["ConnectionStrings__engagement"] = $"{postgres};Database={database}", ["ConnectionStrings__rabbitmq"] = rabbit,
    ["Identity__DevelopmentSigningKey"] = key, ["Campaigns__Directory"] = campaignsDir, ["Logging__LogLevel__Default"] = "Warning",
});
var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri(rabbit)));
await bus.StartAsync();
try
{
    await WaitForPort(port);
    var issuer = new DevelopmentIssuer(key, DevelopmentIssuer.DefaultIssuer, DevelopmentIssuer.DefaultAudience, new CampaignCatalog([]));
    HttpClient Client(SampleUser user) => new() { BaseAddress = new Uri($"http://127.0.0.1:{port}"), DefaultRequestHeaders =
        { Authorization = new AuthenticationHeaderValue("Bearer", issuer.IssueToken(user, TimeSpan.FromHours(2))) } };
    var feed = Client(new SampleUser("bench-feed", "Bench feed", [Roles.EngagementFeed], Platform: "site"));
    var organizer = Client(new SampleUser("bench-organizer", "Bench", [Roles.Organizer]));

    // The works, published on the test campaign's website, as Judging would announce them.
    var ids = Enumerable.Range(0, entries).Select(_ => Guid.CreateVersion7()).ToList();
    foreach (var id in ids) await bus.Publish(new EntryPublished(id, "test-2026", "clip", "site", $"https://site.example/{id}", "bench", DateTimeOffset.UtcNow));
    foreach (var id in ids)
        while (!(await organizer.GetAsync($"/engagement/entries/{id}/figures")).IsSuccessStatusCode) await Task.Delay(50);

    var start = DateTimeOffset.UtcNow.AddDays(-30);
    var round = 0;
    // Every round writes new moments (snapshots are immutable): hour h of round r is start + (r·hoursPerRound + h) hours.
    IEnumerable<(Guid Entry, DateTimeOffset At, long Views, long Likes)> Rows(int r, IReadOnlyList<Guid> part) =>
        Enumerable.Range(0, hoursPerRound).SelectMany(h => part.Select((id, i) =>
            (id, start.AddHours(r * hoursPerRound + h), 100L * (r * hoursPerRound + h) + i, 5L * (r * hoursPerRound + h))));
    var parts = ids.Chunk(entries / clients).ToList();
    const int rowsPerRound = entries * hoursPerRound;

    async Task Api(int r) => await Task.WhenAll(parts.Select(async part =>
    {
        foreach (var batch in Rows(r, part).Chunk(batchRows))
        {
            var response = await feed.PostAsJsonAsync("/engagement/snapshots", new
            {
                snapshots = batch.Select(x => new { entryId = x.Entry, takenAt = x.At, figures = new Dictionary<string, long> { ["views"] = x.Views, ["likes"] = x.Likes } }),
            });
            response.EnsureSuccessStatusCode();
        }
    }));

    await using var raw = NpgsqlDataSource.Create($"{postgres};Database={database};Maximum Pool Size={clients * 2}");
    await using (var create = raw.CreateCommand("create table if not exists bench_snapshot (entry uuid, platform text, taken_at timestamptz, views bigint, likes bigint, primary key (entry, platform, taken_at))"))
        await create.ExecuteNonQueryAsync();

    async Task Inserts(int r) => await Task.WhenAll(parts.Select(async part =>
    {
        await using var connection = await raw.OpenConnectionAsync();
        foreach (var chunk in Rows(r, part).Chunk(100))
        {
            await using var tx = await connection.BeginTransactionAsync();
            var values = string.Join(",", chunk.Select((_, i) => $"(@e{i},'site',@t{i},@v{i},@l{i})"));
            await using var insert = new NpgsqlCommand($"insert into bench_snapshot values {values}", connection, tx);
            for (var i = 0; i < chunk.Length; i++)
            {
                insert.Parameters.AddWithValue($"e{i}", chunk[i].Entry);
                insert.Parameters.AddWithValue($"t{i}", chunk[i].At);
                insert.Parameters.AddWithValue($"v{i}", chunk[i].Views);
                insert.Parameters.AddWithValue($"l{i}", chunk[i].Likes);
            }
            await insert.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        }
    }));

    async Task Copy(int r) => await Task.WhenAll(parts.Select(async part =>
    {
        await using var connection = await raw.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync("copy bench_snapshot from stdin (format binary)");
        foreach (var x in Rows(r, part))
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(x.Entry, NpgsqlDbType.Uuid);
            await writer.WriteAsync("site", NpgsqlDbType.Text);
            await writer.WriteAsync(x.At, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(x.Views, NpgsqlDbType.Bigint);
            await writer.WriteAsync(x.Likes, NpgsqlDbType.Bigint);
        }
        await writer.CompleteAsync();
    }));

    async Task Truncate() { await using var t = raw.CreateCommand("truncate bench_snapshot"); await t.ExecuteNonQueryAsync(); }

    // Warm up every path once (JIT, pools, plans), then interleave the rounds so each contender sees the same machine.
    await Api(round++); await Inserts(0); await Truncate(); await Copy(0); await Truncate();
    var rssBefore = Rss(service.Id);
    var results = new Dictionary<string, List<double>> { ["api"] = [], ["insert"] = [], ["copy"] = [] };
    for (var i = 0; i < rounds; i++)
    {
        var r = round++;
        results["api"].Add(await Time(() => Api(r)));
        results["insert"].Add(await Time(() => Inserts(r)));
        await Truncate();
        results["copy"].Add(await Time(() => Copy(r)));
        await Truncate();
    }
    var peakGrowthMb = (Peak(service.Id) - rssBefore) / 1048576.0;

    double RowsPerSecond(string k) => rowsPerRound / results[k].Order().ElementAt(rounds / 2);
    string Range(string k) => string.Join(" / ", results[k].OrderDescending().Select(s => (rowsPerRound / s).ToString("N0", CultureInfo.InvariantCulture)));
    var (api, insert, copy) = (RowsPerSecond("api"), RowsPerSecond("insert"), RowsPerSecond("copy"));
    string[] lines =
    [
        "## Engagement: snapshot ingest",
        "",
        $"Measured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores; medians of {rounds} interleaved rounds of {rowsPerRound:N0} snapshots " +
        $"({entries:N0} works × {hoursPerRound} moments) from {clients} concurrent clients over loopback; `bash bench/run.sh`.",
        $"The API path reads each work's history on the platform, decides every row (publication, platform, bounds, immutability, decreasing counters), " +
        $"records the batch as one event and each snapshot as a row of its own (one statement per batch), in batches of {batchRows}; " +
        "the baselines write the same rows, nothing else.",
        "",
        "| what | snapshots/s (median) | min / median / max | ours as a ratio |",
        "|---|---|---|---|",
        $"| **Engagement service, `POST /engagement/snapshots`** | {api:N0} | {Range("api")} | 1.00 |",
        $"| raw PostgreSQL, 100-row `INSERT` transactions into a plain table (the ceiling) | {insert:N0} | {Range("insert")} | **{api / insert:0.00}** of it (target ≥ 0.25) |",
        $"| raw PostgreSQL, binary `COPY` (for scale) | {copy:N0} | {Range("copy")} | {api / copy:0.00} |",
        $"| peak memory growth of the service during the rounds | {peakGrowthMb:0.0} MB | | |",
        "",
        "Where the time went (2026-11-29; a stopwatch in the service and PostgreSQL's statement log, one batch of 500 rows = 250 works × 2 moments):",
        "first ~700 ms of saving — per work, one rewrite of its inline document (~1.1 ms, its JSON growing with every snapshot) and one",
        "`mt_quick_append_events` call (~0.7 ms): the cost was per work touched, not per byte. The document no longer holds snapshots; each is a row",
        "keyed by work, platform and moment (0.11 → 0.16). Then the one append per work's stream (~175 ms a batch) and a label walk per row:",
        "a batch is now one `SnapshotsRecorded` event in a stream of its own, the key is what racing writers collide on, and the flags are",
        "walked once per work. Then reading each work's history as JSON documents (~100–200 ms a batch): now typed columns (~60 ms).",
        "What remains per batch: reading the works' histories on the platform (it grows with them) and the insert of the rows with their event.",
        "",
    ];
    foreach (var line in lines) Console.WriteLine(line);
    await File.WriteAllLinesAsync(report, lines);
    return api / insert >= 0.25 ? 0 : 1;
}
finally
{
    await bus.StopAsync();
    service.Kill(entireProcessTree: true);
}
