using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;
using Campaign.Judging.Entries;
using Campaign.TestSupport;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Campaign.Judging.IntegrationTests;

/// <summary>The test campaign with many story categories, so that a race can be run once per category.</summary>
public sealed class ManyCategoriesFixture() : ServiceFactory<Program>("judging")
{
    public const string Campaign = "race-2026";
    public const int Categories = 20;

    private readonly string directory = Path.Combine(Path.GetTempPath(), $"campaigns-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Directory.CreateDirectory(directory);
        var campaign = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "campaigns", "test-2026.json")),
            documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        campaign["id"] = Campaign;
        var story = campaign["categories"]!.AsArray().Single(c => (string?)c!["id"] == "story")!;
        var categories = new JsonArray();
        for (var i = 1; i <= Categories; i++)
        {
            var copy = story.DeepClone();
            copy["id"] = CategoryId(i);
            categories.Add(copy);
        }
        campaign["categories"] = categories;
        File.WriteAllText(Path.Combine(directory, $"{Campaign}.json"), campaign.ToJsonString());
        builder.UseSetting("Campaigns:Directory", directory);
    }

    public static string CategoryId(int i) => $"race-{i:D2}";
}

public sealed class ClosingAgainstScoring(ManyCategoriesFixture service) : IClassFixture<ManyCategoriesFixture>
{
    private const int EntriesPerCategory = 3;
    private static readonly int[] Judges = [1, 2, 3];

    [Fact]
    public async Task J2_closing_fired_with_the_last_scores_leaves_no_judged_entry_out_and_judges_none_into_the_closed_category()
    {
        var categories = Enumerable.Range(1, ManyCategoriesFixture.Categories).Select(ManyCategoriesFixture.CategoryId).ToList();
        var entries = categories.ToDictionary(c => c, _ => Enumerable.Range(0, EntriesPerCategory).Select(_ => Guid.CreateVersion7()).ToList());
        foreach (var (category, ids) in entries)
            foreach (var id in ids)
            {
                await service.Bus.PublishAsync(new EntrySubmitted(id, ManyCategoriesFixture.Campaign, category, "标题", "city-c", "individual", "worker-1", "正文", [], DateTimeOffset.UtcNow), Guid.NewGuid());
                await service.Bus.PublishAsync(new MediaChecked(id, ManyCategoriesFixture.Campaign, category, Verdict.Passed, [], DateTimeOffset.UtcNow), Guid.NewGuid());
            }
        var reviewer = service.ClientAs(Users.Reviewer);
        await Eventually.GetAsync(async () =>
            (await reviewer.GetFromJsonAsync<JsonElement[]>($"/review/queue?campaignId={ManyCategoriesFixture.Campaign}"))!.Length
                == categories.Count * EntriesPerCategory ? "" : null, "every entry in the review queue", TimeSpan.FromSeconds(60));

        var organizer = service.ClientAs(Users.Organizer);
        var judges = Judges.ToDictionary(j => j, j => service.ClientAs(Users.Judge(j)));
        foreach (var (category, ids) in entries)
        {
            foreach (var id in ids)
                (await reviewer.PostAsJsonAsync($"/review/{id}", new { approved = true, @checked = new[] { "S4" } })).EnsureSuccessStatusCode();
            (await organizer.PutAsJsonAsync($"/panels/{ManyCategoriesFixture.Campaign}/{category}",
                new { judges = Judges.Select(j => new { id = $"judge-{j}" }) })).EnsureSuccessStatusCode();
            foreach (var id in ids)
                foreach (var j in Judges)
                {
                    (await judges[j].PutAsJsonAsync($"/judging/entries/{id}/score", new { score = 60 + j })).EnsureSuccessStatusCode();
                    if (j != Judges[^1]) (await judges[j].PostAsync($"/judging/entries/{id}/submit", null)).EnsureSuccessStatusCode();
                }
        }

        var missed = new List<string>();
        foreach (var (category, ids) in entries)
        {
            // The last judge hands in every entry of the category while the organizer closes it.
            var last = judges[Judges[^1]];
            var submissions = ids.Select(id => Task.Run(() => last.PostAsync($"/judging/entries/{id}/submit", null))).ToList();
            var closing = Task.Run(() => organizer.PostAsync($"/panels/{ManyCategoriesFixture.Campaign}/{category}/close", null));
            var closeResponse = await closing;
            Assert.Equal(HttpStatusCode.OK, closeResponse.StatusCode);
            var closed = (await closeResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("judgedEntries").EnumerateArray().Select(e => e.GetGuid()).ToHashSet();

            for (var i = 0; i < ids.Count; i++)
            {
                var submitted = await submissions[i];
                // Either the score came in before the closing (and the entry is judged), or the closing came first and said so.
                if (submitted.StatusCode != HttpStatusCode.OK)
                {
                    Assert.Equal(HttpStatusCode.Conflict, submitted.StatusCode);
                    Assert.Equal("J2", (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ruleId").GetString());
                }
                using var scope = service.Services.CreateScope();
                var entry = await scope.ServiceProvider.GetRequiredService<IDocumentSession>().SubmittedEntryAsync(ids[i], CancellationToken.None);
                Assert.Equal(submitted.StatusCode == HttpStatusCode.OK, entry.Judged);
                if (entry.Judged != closed.Contains(ids[i]))
                    missed.Add($"{category}: entry {ids[i]} judged={entry.Judged}, listed in JudgingClosed={closed.Contains(ids[i])}");
            }
        }
        Assert.Empty(missed);
    }
}
