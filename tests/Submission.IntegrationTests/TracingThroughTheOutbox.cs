using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Campaign.ServiceDefaults.EventStore;
using Campaign.Submission.Entries;
using Campaign.Submission.Entries.SubmittingEntry;
using Campaign.TestSupport;

namespace Campaign.Submission.IntegrationTests;

public sealed class TracingThroughTheOutbox(SubmissionFixture service) : IClassFixture<SubmissionFixture>
{
    [Fact]
    public async Task The_outbox_publishes_an_event_in_the_trace_of_the_request_that_appended_it()
    {
        var forwarded = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is IntegrationEventForwarder.ActivitySourceName or "MassTransit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = forwarded.Add,
        };
        ActivitySource.AddActivityListener(listener);
        var traceId = ActivityTraceId.CreateRandom();

        var client = service.ClientAs(Users.Worker(1) with { Affiliation = "city-a" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/entries")
        {
            Content = JsonContent.Create(new SubmitEntryRequest("test-2026", "story", "追光", "city-a", "individual",
                new Consent("v1", true), "一束光，照进了矿井深处的每一个角落。")),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        var entry = await (await client.SendAsync(request)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<Entry>();
        await service.Bus.WaitForAsync<Campaign.Contracts.Submission.EntrySubmitted>(e => e.EntryId == entry!.Id);

        var forward = await Eventually.GetAsync(() => Task.FromResult(forwarded.FirstOrDefault(a =>
            a.Source.Name == IntegrationEventForwarder.ActivitySourceName && a.TraceId == traceId)), "the forward span");
        Assert.Equal(ActivityKind.Producer, forward.Kind);
        Assert.Contains(forwarded, a => a.Source.Name == "MassTransit" && a.TraceId == traceId);
    }
}
