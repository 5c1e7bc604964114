using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Campaign.EndToEnd.Walking;
using Xunit.Abstractions;

namespace Campaign.EndToEnd;

/// <summary>
/// Issue 10, "no 500 from input": every operation of every service's OpenAPI document, sent the
/// fixed set of malformed requests by nobody and by a caller of every role, answers below 500, in
/// time, and stores nothing. An operation without any input (the sample users, a judge's
/// assignments, the tus OPTIONS) is sent nothing: nothing about it can be malformed. The judges'
/// web UI (<c>/ui</c>) is no part of the documents and is not walked.
/// </summary>
[Collection(nameof(PlatformCollection))]
public sealed class NoServerErrorFromInput(PlatformFixture platform, ITestOutputHelper output)
{
    // Nobody, and a sample user of every role of the development issuer (checked below).
    private static readonly string?[] Callers = [null, "organizer", "operator", "reviewer-1", "judge-1", "worker-1", "feed-union-website"];

    // The campaigns paths name, with their city's administrator and CAC office: the default one,
    // whose windows closed in 2021, and the media tests' one, whose windows are open, so a body
    // gets past the window checks to the rules behind them. No other end-to-end test uses either.
    private static readonly (KnownNames Names, string?[] Callers)[] Campaigns =
    [
        (new("liaoning-2021", "story", "dalian", "judge-1", "individual"), [.. Callers, "admin-dalian", "cac-dalian"]),
        (new("media-2026", "story", "city-m", "judge-1", "individual"), [.. Callers, "admin-city-m", "cac-city-m"]),
    ];

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private const int RequestsAtOnce = 8;

    [Fact]
    public async Task Given_every_endpoint_of_every_service_When_it_is_sent_malformed_requests_Then_none_answers_a_server_error_and_nothing_stored_changes()
    {
        await EveryRoleHasACallerAsync();
        var databases = PlatformFixture.Services.Select(s => (s, platform.DatabaseOf(s))).ToList();
        var stored = await StoredRows.SettledAsync(databases, TimeSpan.FromSeconds(60));
        var failures = new ConcurrentBag<Failure>();
        var changes = new List<string>();
        var statuses = new Dictionary<int, int>();
        var clock = Stopwatch.StartNew();

        foreach (var service in PlatformFixture.Services)
        {
            var clients = new Dictionary<string, HttpClient>();
            foreach (var caller in Campaigns.SelectMany(c => c.Callers).Distinct())
                clients[caller ?? "anonymous"] = await platform.ClientAsync(service, caller);
            var document = new OpenApiDocument(await clients["anonymous"].GetFromJsonAsync<JsonElement>("/openapi/v1.json"));

            foreach (var operation in document.Operations())
            {
                var (answers, accepted) = await WalkAsync(service, operation, document, clients, failures);
                // What an accepted request stored goes on to other services: wait for it, so it is blamed here.
                var now = accepted.Count == 0 ? await StoredRows.ReadAsync(databases) : await StoredRows.SettledAsync(databases, TimeSpan.FromSeconds(20));
                if (StoredRows.Changes(stored, now) is { Count: > 0 } changed)
                    changes.Add($"{service} {operation.Method} {operation.Path}: {string.Join(", ", changed)}; it accepted "
                                + (accepted.Count == 0 ? "none of the requests" : string.Join(", ", accepted.GroupBy(a => a.Kind, a => a.Caller).Select(a => $"[{a.Key}] as {string.Join(", ", a)}"))));
                stored = now;
                output.WriteLine($"{service} {operation.Method} {operation.Path}: {Histogram(answers)}");
                foreach (var (status, count) in answers) statuses[status] = statuses.GetValueOrDefault(status) + count;
            }
        }

        if (StoredRows.Changes(stored, await StoredRows.SettledAsync(databases, TimeSpan.FromSeconds(10))) is { Count: > 0 } late)
            changes.Add($"after the walk: {string.Join(", ", late)}");
        output.WriteLine($"all: {Histogram(statuses)} in {clock.Elapsed:mm\\:ss}");
        Assert.True(failures.IsEmpty && changes.Count == 0, Report(failures, changes));
    }

    /// <summary>Sends an operation every malformed request as every caller; answers by status, and which requests it accepted.</summary>
    private static async Task<(IDictionary<int, int> Answers, IReadOnlyCollection<(string Kind, string Caller)> Accepted)> WalkAsync(
        string service, OpenApiOperation operation, OpenApiDocument document, Dictionary<string, HttpClient> clients, ConcurrentBag<Failure> failures)
    {
        var sends = Campaigns.SelectMany((campaign, i) =>
                (i == 0 ? MalformedRequests.WithBadPaths(operation, document, campaign.Names) : [])
                .Concat(MalformedRequests.WithBadInput(operation, document, campaign.Names))
                .Concat(MalformedRequests.WithBadTusHeaders(operation, document, campaign.Names))
                .Select(r => r with { Kind = $"{campaign.Names.CampaignId}: {r.Kind}" })
                .SelectMany(_ => campaign.Callers, (request, caller) => (request, caller: caller ?? "anonymous")))
            .ToList();
        var answers = new ConcurrentDictionary<int, int>();
        var accepted = new ConcurrentBag<(string Kind, string Caller)>();
        await Parallel.ForEachAsync(sends, new ParallelOptions { MaxDegreeOfParallelism = RequestsAtOnce }, async (sent, _) =>
        {
            var (status, body) = await SendAsync(clients[sent.caller], sent.request);
            answers.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (status is >= 200 and < 300 && operation.Method != HttpMethod.Get) accepted.Add((sent.request.Kind, sent.caller));
            if (status is >= 500 or 0)
                failures.Add(new(service, operation.Method.Method, operation.Path, sent.request.Kind, sent.caller, status, body[..Math.Min(300, body.Length)]));
        });
        return (answers, accepted);
    }

    private async Task EveryRoleHasACallerAsync()
    {
        var anonymous = await platform.ClientAsync("submission", null);
        var users = (await anonymous.GetFromJsonAsync<JsonElement[]>("/identity/dev/users"))!
            .ToDictionary(u => u.GetProperty("id").GetString()!, u => u.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToList());
        var callers = Campaigns.SelectMany(c => c.Callers).OfType<string>().Distinct().ToList();
        Assert.All(callers, c => Assert.Contains(c, users.Keys));
        Assert.Empty(users.Values.SelectMany(r => r).Distinct().Except(callers.SelectMany(c => users[c])));
    }

    private static async Task<(int Status, string Body)> SendAsync(HttpClient client, MalformedRequest request)
    {
        using var timeout = new CancellationTokenSource(RequestTimeout);
        try
        {
            using var message = request.ToMessage();
            using var response = await client.SendAsync(message, timeout.Token);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(timeout.Token));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return (0, $"no answer within {RequestTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            return (0, $"no answer: {e.Message} {e.InnerException?.Message}");
        }
    }

    private static string Histogram(IDictionary<int, int> answers) =>
        $"{answers.Values.Sum()} requests, answered " + string.Join(", ", answers.OrderBy(a => a.Key).Select(a => $"{(a.Key == 0 ? "never" : a.Key)} × {a.Value}"));

    /// <summary>Every failure, the callers that met the same one on one line.</summary>
    private static string Report(IEnumerable<Failure> failures, List<string> changes)
    {
        var report = new StringBuilder();
        var groups = failures
            .GroupBy(f => (f.Service, f.Method, f.Path, f.Kind, f.Status))
            .OrderBy(g => Array.IndexOf(PlatformFixture.Services, g.Key.Service)).ThenBy(g => g.Key.Path).ThenBy(g => g.Key.Method).ThenBy(g => g.Key.Kind)
            .ToList();
        report.AppendLine($"{groups.Sum(g => g.Count())} malformed requests answered with a server error or not at all ({groups.Count} distinct):");
        foreach (var g in groups)
        {
            var body = g.First().Body.ReplaceLineEndings(" ");
            report.AppendLine($"- {g.Key.Service} {g.Key.Method} {g.Key.Path} [{g.Key.Kind}] → {(g.Key.Status == 0 ? "no answer" : g.Key.Status)} "
                              + $"as {string.Join(", ", g.Select(f => f.Caller).Distinct())}: {body[..Math.Min(300, body.Length)]}");
        }
        report.AppendLine($"Stored rows changed {changes.Count} times:");
        foreach (var change in changes) report.AppendLine($"- {change}");
        return report.ToString();
    }

    private sealed record Failure(string Service, string Method, string Path, string Kind, string Caller, int Status, string Body);
}
