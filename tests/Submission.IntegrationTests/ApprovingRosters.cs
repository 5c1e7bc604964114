using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Campaign.Contracts.Submission;
using Campaign.ServiceDefaults.Identity;
using Campaign.Submission.Rosters;
using Campaign.TestSupport;

namespace Campaign.Submission.IntegrationTests;

public sealed class RosterFixture() : ServiceFactory<Program>("submission")
{
    protected override void Observe(BusProbe.Observer o) => o.Observe<RosterApproved>();
}

public sealed class ApprovingRosters(RosterFixture service) : IClassFixture<RosterFixture>
{
    private static SampleUser Cac(string city) => new($"cac-{city}", "网信办", [Roles.CyberspaceOffice], Organization: city);

    private static RosterRequest Roster(int rows) => new(
        Enumerable.Range(1, rows).Select(i => new RosterRow(0, $"劳模{i}", "某厂 车间主任", "全国劳动模范")).ToList(), "王联络", "13800000000");

    [Fact]
    public async Task S3_a_roster_reaches_the_province_only_after_the_city_union_and_the_city_CAC_office_both_approve()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await service.ClientAs(Users.AdminOf("city-a")).PutAsJsonAsync("/rosters/test-2026/city-a", Roster(3))).StatusCode);
        var province = service.ClientAs(Users.Organizer);
        Assert.Equal(HttpStatusCode.NotFound, (await province.GetAsync("/rosters/test-2026/city-a")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await service.ClientAs(Cac("city-a")).PostAsync("/rosters/test-2026/city-a/approval", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await service.ClientAs(Cac("city-a")).PostAsync("/rosters/test-2026/city-a/approval", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await province.GetAsync("/rosters/test-2026/city-a")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await service.ClientAs(Cac("city-b")).PostAsync("/rosters/test-2026/city-a/approval", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await service.ClientAs(Users.AdminOf("city-a")).PostAsync("/rosters/test-2026/city-a/approval", null)).StatusCode);
        var (_, approved) = await service.Bus.WaitForAsync<RosterApproved>(r => r.OrganizationId == "city-a");
        Assert.Equal([1, 2, 3], approved.Rows.Select(r => r.Number));
        var roster = await province.GetFromJsonAsync<JsonElement>("/rosters/test-2026/city-a");
        Assert.True(roster.GetProperty("approved").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await service.ClientAs(Users.AdminOf("city-a")).PutAsJsonAsync("/rosters/test-2026/city-a", Roster(2))).StatusCode);
    }

    [Fact]
    public async Task S3_a_change_clears_earlier_approvals_and_Q3_caps_the_roster_at_the_quota()
    {
        var admin = service.ClientAs(Users.AdminOf("city-c"));
        var tooLong = await admin.PutAsJsonAsync("/rosters/test-2026/city-c", Roster(3));
        Assert.Equal("Q3", (await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ruleId").GetString());

        (await admin.PutAsJsonAsync("/rosters/test-2026/city-c", Roster(2))).EnsureSuccessStatusCode();
        (await service.ClientAs(Cac("city-c")).PostAsync("/rosters/test-2026/city-c/approval", null)).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/rosters/test-2026/city-c", Roster(1))).EnsureSuccessStatusCode();
        var draft = await admin.GetFromJsonAsync<JsonElement>("/rosters/test-2026/city-c");
        Assert.Equal(0, draft.GetProperty("signedBy").GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await service.ClientAs(Users.AdminOf("city-b")).PutAsJsonAsync("/rosters/test-2026/city-c", Roster(1))).StatusCode);
    }
}
