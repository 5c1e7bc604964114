using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Campaign.Submission.Entries;
using Campaign.Submission.Entries.ListingEntries;
using Campaign.Submission.Entries.SubmittingEntry;
using Campaign.TestSupport;

namespace Campaign.Submission.IntegrationTests;

public sealed class QuotasAndPlaces(SubmissionFixture service) : IClassFixture<SubmissionFixture>
{
    private static SubmitEntryRequest Story(string org, string port = "individual", IReadOnlyList<Member>? members = null) =>
        new("test-2026", "story", "劳模故事", org, port, new Consent("v1", true), "三十年如一日，守护炉火的劳模。", members);

    private static async Task<string?> RuleOf(HttpResponseMessage r) =>
        (await r.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("ruleId", out var id) ? id.GetString() : null;

    [Fact]
    public async Task Q3_fifty_parallel_stories_for_a_citys_last_two_places_accept_exactly_two()
    {
        // The test campaign gives city-c two story places; fifty workers race for them.
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            service.ClientAs(Users.NewWorkerOf("city-c")).PostAsJsonAsync("/entries", Story("city-c"))));

        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(48, refused.Count);
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.All(await Task.WhenAll(refused.Select(RuleOf)), rule => Assert.Equal("Q3", rule));

        var stored = await service.ClientAs(Users.Organizer).GetFromJsonAsync<Paged<Entry>>("/entries?campaignId=test-2026&organizationId=city-c&pageSize=100");
        Assert.Equal(2, stored!.Total);
        var progress = await service.ClientAs(Users.AdminOf("city-c")).GetFromJsonAsync<OrganizationProgress[]>("/entries/progress/test-2026");
        Assert.Equal((2, 2), (progress!.Single(p => p.CategoryId == "story").Entries, progress!.Single(p => p.CategoryId == "story").Quota));
    }

    [Fact]
    public async Task Q2_a_person_enters_a_category_once_and_no_member_is_in_two_group_entries()
    {
        var worker = Users.NewWorker();
        Assert.Equal(HttpStatusCode.Created, (await service.ClientAs(worker).PostAsJsonAsync("/entries", Story("city-a"))).StatusCode);
        var again = await service.ClientAs(worker).PostAsJsonAsync("/entries", Story("city-a"));
        Assert.Equal((HttpStatusCode.Conflict, "Q2"), (again.StatusCode, await RuleOf(again)));

        var admin = service.ClientAs(Users.AdminOf("city-a"));
        var group = new Member[] { new("id-hash-zhang", "张三"), new("id-hash-li", "李四") };
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/entries", Story("city-a", "organization", group))).StatusCode);
        var overlap = await admin.PostAsJsonAsync("/entries", Story("city-a", "organization", [new("id-hash-wang", "王五"), new("id-hash-li", "李四")]));
        Assert.Equal((HttpStatusCode.Conflict, "Q2"), (overlap.StatusCode, await RuleOf(overlap)));
        var unnamed = await admin.PostAsJsonAsync("/entries", Story("city-a", "organization"));
        Assert.Equal("Q2", await RuleOf(unnamed));
    }

    [Fact]
    public async Task Q3_a_withdrawn_entry_gives_its_place_back()
    {
        var admin = service.ClientAs(Users.AdminOf("city-b"));
        var entries = new List<Entry>();
        for (var i = 0; i < 8; i++)
        {
            var r = await admin.PostAsJsonAsync("/entries", Story("city-b", "organization", [new($"b-author-{i}", $"作者{i}")]));
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            entries.Add((await r.Content.ReadFromJsonAsync<Entry>())!);
        }
        var ninth = await admin.PostAsJsonAsync("/entries", Story("city-b", "organization", [new("b-author-9", "作者9")]));
        Assert.Equal("Q3", await RuleOf(ninth));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/entries/{entries[3].Id}/withdrawal", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/entries", Story("city-b", "organization", [new("b-author-9", "作者9")]))).StatusCode);
    }

    [Fact]
    public async Task Q1_progress_shows_each_organization_against_its_minimum_and_never_blocks()
    {
        var progress = await service.ClientAs(Users.Organizer).GetFromJsonAsync<OrganizationProgress[]>("/entries/progress/test-2026");
        var rail = progress!.Single(p => p.OrganizationId == "rail" && p.CategoryId == "clip");
        Assert.Equal((0, 1, false), (rail.Entries, rail.Minimum, rail.MinimumReached));
        var own = await service.ClientAs(Users.AdminOf("rail")).GetFromJsonAsync<OrganizationProgress[]>("/entries/progress/test-2026");
        Assert.All(own!, p => Assert.Equal("rail", p.OrganizationId));
        Assert.Equal(HttpStatusCode.Forbidden, (await service.ClientAs(Users.NewWorker()).GetAsync("/entries/progress/test-2026")).StatusCode);
    }

    [Fact]
    public async Task Lists_are_paged_and_show_a_worker_only_their_own_entries()
    {
        var worker = Users.NewWorker();
        await service.ClientAs(worker).PostAsJsonAsync("/entries", Story("city-a"));
        var mine = await service.ClientAs(worker).GetFromJsonAsync<Paged<Entry>>("/entries?pageSize=5");
        Assert.All(mine!.Items, e => Assert.Equal(worker.Id, e.SubmittedBy));
        Assert.Equal(1, mine.Total);
        var all = await service.ClientAs(Users.Organizer).GetFromJsonAsync<Paged<Entry>>("/entries?pageSize=1&page=2");
        Assert.Single(all!.Items);
        Assert.True(all.Total >= 2);
    }
}
