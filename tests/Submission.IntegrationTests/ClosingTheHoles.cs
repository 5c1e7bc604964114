using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Campaign.ServiceDefaults.Identity;
using Campaign.Submission.Entries;
using Campaign.Submission.Entries.ListingEntries;
using Campaign.Submission.Entries.SubmittingEntry;
using Campaign.TestSupport;

namespace Campaign.Submission.IntegrationTests;

/// <summary>
/// The holes an attacker found in the intake API (issue 10), each closed: who an entry is for (O3,
/// Q2, Q3), bounded and well-formed input, and tokens that name someone and expire on time.
/// </summary>
public sealed class ClosingTheHoles(SubmissionFixture service) : IClassFixture<SubmissionFixture>
{
    private static SubmitEntryRequest Story(string org, string port = "individual", IReadOnlyList<Member>? members = null, string title = "劳模故事") =>
        new("test-2026", "story", title, org, port, new Consent("v1", true), "三十年如一日，守护炉火的劳模。", members);

    private static async Task<JsonElement> Problem(HttpResponseMessage r) => await r.Content.ReadFromJsonAsync<JsonElement>();

    private async Task<long> StoredEntriesAsync() =>
        (await service.ClientAs(Users.Organizer).GetFromJsonAsync<Paged<Entry>>("/entries?campaignId=test-2026&pageSize=1"))!.Total;

    [Fact]
    public async Task Q2_made_up_member_ids_on_the_individual_port_do_not_replace_the_caller()
    {
        var worker = Users.NewWorkerOf("city-a");
        var client = service.ClientAs(worker);
        var first = await client.PostAsJsonAsync("/entries", Story("city-a", members: [new("made-up-1", "甲")]));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var entry = (await first.Content.ReadFromJsonAsync<Entry>())!;
        Assert.Contains(worker.Id, entry.Members!);
        Assert.Equal(EntryStatus.Held, entry.Status); // made-up-1 has not confirmed

        var second = await client.PostAsJsonAsync("/entries", Story("city-a", members: [new("made-up-2", "乙")]));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("Q2", (await Problem(second)).GetProperty("ruleId").GetString());
    }

    [Fact]
    public async Task Q2_a_named_member_joins_only_by_confirming_with_their_own_sign_in()
    {
        var (submitter, member) = (Users.NewWorkerOf("city-a"), Users.NewWorker());
        var entry = (await (await service.ClientAs(submitter).PostAsJsonAsync("/entries", Story("city-a", members: [new(member.Id, "乙")])))
            .Content.ReadFromJsonAsync<Entry>())!;
        Assert.Equal([member.Id], entry.AwaitingMembers!);
        Assert.Equal(HttpStatusCode.NotFound, (await service.ClientAs(Users.NewWorker()).PostAsync($"/entries/{entry.Id}/confirmation", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.ClientAs(member).GetAsync($"/entries/{entry.Id}")).StatusCode); // visible to the member

        var confirmed = await service.ClientAs(member).PostAsync($"/entries/{entry.Id}/confirmation", null);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(EntryStatus.Submitted, (await confirmed.Content.ReadFromJsonAsync<Entry>())!.Status);
        await service.Bus.WaitForAsync<Contracts.Submission.EntrySubmitted>(e => e.EntryId == entry.Id);

        // The member's own place is now taken: they cannot enter the category again.
        var again = await service.ClientAs(member with { Affiliation = "city-a" }).PostAsJsonAsync("/entries", Story("city-a"));
        Assert.Equal("Q2", (await Problem(again)).GetProperty("ruleId").GetString());
    }

    [Fact]
    public async Task Q3_a_group_entry_whose_members_are_awaited_takes_its_organizations_place_when_it_is_filed()
    {
        // city-b has eight story places; eight of its verified workers each file a group entry whose other member has not confirmed.
        var members = Enumerable.Range(0, 8).Select(_ => Users.NewWorker()).ToArray();
        var held = await Task.WhenAll(members.Select(async member =>
        {
            var filed = await service.ClientAs(Users.NewWorkerOf("city-b")).PostAsJsonAsync("/entries", Story("city-b", members: [new(member.Id, "乙")]));
            Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
            return (await filed.Content.ReadFromJsonAsync<Entry>())!;
        }));
        Assert.All(held, e => Assert.Equal(EntryStatus.Held, e.Status));

        // The places are taken: confirmations cannot carry a group past the organization's quota.
        var full = await service.ClientAs(Users.AdminOf("city-b")).PostAsJsonAsync("/entries", Story("city-b", "organization", [new("staff-9", "王五")]));
        Assert.Equal("Q3", (await Problem(full)).GetProperty("ruleId").GetString());
        var confirmed = await service.ClientAs(members[0]).PostAsync($"/entries/{held[0].Id}/confirmation", null);
        Assert.Equal(EntryStatus.Submitted, (await confirmed.Content.ReadFromJsonAsync<Entry>())!.Status);
    }

    [Fact]
    public async Task Q3_an_unverified_affiliation_takes_no_place_until_the_organization_confirms()
    {
        // city-c has two story places in the test campaign; two workers who merely name it take none of them.
        var squatters = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
            (await (await service.ClientAs(Users.NewWorker()).PostAsJsonAsync("/entries", Story("city-c"))).Content.ReadFromJsonAsync<Entry>())!));
        Assert.All(squatters, e => Assert.Equal((EntryStatus.Held, true), (e.Status, e.AwaitingAffiliation)));

        var admin = service.ClientAs(Users.AdminOf("city-c"));
        var own = await admin.PostAsJsonAsync("/entries", Story("city-c", "organization", [new("staff-1", "张三")]));
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        var visible = (await admin.GetFromJsonAsync<Paged<Entry>>("/entries?campaignId=test-2026&organizationId=city-c&pageSize=100"))!;
        Assert.All(squatters, s => Assert.Contains(visible.Items, e => e.Id == s.Id)); // the administrator sees who waits

        // Only an administrator of city-c decides; declining needs a reason and frees the worker's place.
        Assert.Equal(HttpStatusCode.NotFound, (await service.ClientAs(Users.AdminOf("city-a"))
            .PostAsJsonAsync($"/entries/{squatters[0].Id}/affiliation", new { accepted = true })).StatusCode);
        var declined = await admin.PostAsJsonAsync($"/entries/{squatters[0].Id}/affiliation", new { accepted = false, reason = "不是本单位职工" });
        Assert.Equal(EntryStatus.Declined, (await declined.Content.ReadFromJsonAsync<Entry>())!.Status);
        var accepted = await admin.PostAsJsonAsync($"/entries/{squatters[1].Id}/affiliation", new { accepted = true });
        Assert.Equal(EntryStatus.Submitted, (await accepted.Content.ReadFromJsonAsync<Entry>())!.Status);
        await service.Bus.WaitForAsync<Contracts.Submission.EntrySubmitted>(e => e.EntryId == squatters[1].Id);

        // Both places are now taken (the administrator's own entry and the confirmed one).
        var full = await admin.PostAsJsonAsync("/entries", Story("city-c", "organization", [new("staff-2", "李四")]));
        Assert.Equal("Q3", (await Problem(full)).GetProperty("ruleId").GetString());
    }

    [Fact]
    public async Task A_story_body_larger_than_the_endpoint_takes_is_refused_before_it_is_stored()
    {
        var before = await StoredEntriesAsync();
        var huge = JsonSerializer.Serialize(Story("city-a") with { StoryText = new string('字', 7_000_000) }, JsonSerializerOptions.Web);
        var response = await service.ClientAs(Users.NewWorkerOf("city-a"))
            .PostAsync("/entries", new StringContent(huge, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await StoredEntriesAsync());
    }

    [Theory]
    [InlineData("{}", "")]
    [InlineData("""{"campaignId":"test-2026","categoryId":"story","title":null,"organizationId":"city-a","port":"individual","consent":{"textVersion":"v1","accepted":true}}""", "title")]
    [InlineData("""{"campaignId":"test-2026","categoryId":"story","title":"t","organizationId":"city-a","port":"organization","consent":{"textVersion":"v1","accepted":true},"storyText":"正文","members":[{"id":null,"name":"张三"}]}""", "members[0].id")]
    [InlineData("""{"campaignId":"test-2026","categoryId":"story","title":123,"organizationId":"city-a","port":"individual"}""", "title")]
    public async Task Malformed_bodies_are_a_400_naming_the_field_never_a_500(string body, string field)
    {
        var before = await StoredEntriesAsync();
        var response = await service.ClientAs(Users.AdminOf("city-a")).PostAsync("/entries", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem(response);
        if (field.Length > 0) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await StoredEntriesAsync());
    }

    [Fact]
    public async Task A_title_with_a_right_to_left_override_is_refused_and_invisible_characters_are_removed()
    {
        var client = service.ClientAs(Users.NewWorkerOf("city-a"));
        var spoofed = await client.PostAsJsonAsync("/entries", Story("city-a", title: "劳模\u202E4pm.exe"));
        Assert.Equal(HttpStatusCode.BadRequest, spoofed.StatusCode);
        Assert.True((await Problem(spoofed)).GetProperty("errors").TryGetProperty("title", out _));

        var created = await client.PostAsJsonAsync("/entries", Story("city-a", title: " 炉火\u200B映初心\uFEFF "));
        Assert.Equal("炉火映初心", (await created.Content.ReadFromJsonAsync<Entry>())!.Title);
    }

    [Fact]
    public async Task A_signed_token_without_a_subject_names_nobody_and_is_refused()
    {
        var token = Tokens.Signed([new Claim(CampaignClaims.Role, Roles.Organizer)], DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddHours(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.CreateClient().WithToken(token).GetAsync("/entries")).StatusCode);
        var withSubject = Tokens.Signed([new Claim("sub", "organizer"), new Claim(CampaignClaims.Role, Roles.Organizer)], DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddHours(1));
        Assert.Equal(HttpStatusCode.OK, (await service.CreateClient().WithToken(withSubject).GetAsync("/entries")).StatusCode);
    }

    [Fact]
    public async Task A_token_that_expired_a_minute_ago_is_refused()
    {
        Claim[] organizer = [new("sub", "organizer"), new(CampaignClaims.Role, Roles.Organizer)];
        var expired = Tokens.Signed(organizer, DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddMinutes(-1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.CreateClient().WithToken(expired).GetAsync("/entries")).StatusCode);
        var fresh = Tokens.Signed(organizer, DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await service.CreateClient().WithToken(fresh).GetAsync("/entries")).StatusCode);
    }
}
