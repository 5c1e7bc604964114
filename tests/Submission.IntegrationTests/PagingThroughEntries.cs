using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Campaign.Submission.Entries;
using Campaign.Submission.Entries.ListingEntries;
using Campaign.TestSupport;

namespace Campaign.Submission.IntegrationTests;

/// <summary>A list's paging parameters: a page out of range is the caller's mistake, named in a 400, never a 500 nor silently moved.</summary>
public sealed class PagingThroughEntries(SubmissionFixture service) : IClassFixture<SubmissionFixture>
{
    [Theory]
    [InlineData("page=2147483647", "page")]
    [InlineData("page=0", "page")]
    [InlineData("page=-3", "page")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0&pageSize=1000", "page", "pageSize")]
    public async Task Given_a_page_out_of_range_When_entries_are_listed_Then_a_validation_problem_names_the_parameter(string query, params string[] fields)
    {
        var response = await service.ClientAs(Users.Organizer).GetAsync($"/entries?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(fields, errors.EnumerateObject().Select(e => e.Name));
        Assert.All(errors.EnumerateObject(), e => Assert.False(string.IsNullOrWhiteSpace(e.Value[0].GetString())));
    }

    [Fact]
    public async Task A_refused_page_is_explained_in_Chinese_unless_the_caller_asks_for_English()
    {
        var chinese = await (await service.ClientAs(Users.Organizer).GetAsync("/entries?pageSize=1000")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("每页条数须为1–100。", chinese.GetProperty("errors").GetProperty("pageSize")[0].GetString());

        var request = new HttpRequestMessage(HttpMethod.Get, "/entries?pageSize=1000");
        request.Headers.AcceptLanguage.ParseAdd("en");
        var english = await (await service.ClientAs(Users.Organizer).SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pageSize must be between 1 and 100.", english.GetProperty("errors").GetProperty("pageSize")[0].GetString());
    }

    [Theory]
    [InlineData("page=abc")]
    [InlineData("pageSize=1e3")]
    [InlineData("page=99999999999")]
    public async Task Given_a_page_that_is_not_a_whole_number_When_entries_are_listed_Then_the_request_is_bad(string query)
    {
        var response = await service.ClientAs(Users.Organizer).GetAsync($"/entries?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_last_page_allowed_at_the_largest_size_is_an_ordinary_empty_page()
    {
        var page = await service.ClientAs(Users.Organizer).GetFromJsonAsync<Paged<Entry>>("/entries?page=100000&pageSize=100");

        Assert.Empty(page!.Items);
        Assert.Equal((100_000, 100), (page.Page, page.PageSize));
    }
}
