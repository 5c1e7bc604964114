using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Campaign.Campaigns;
using Campaign.Judging.Panels;
using Campaign.TestSupport;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Campaign.Judging.IntegrationTests;

/// <summary>J1: an invitation's link signs its judge in while they sit on the panel, and never seats a removed judge again.</summary>
public sealed class RemovingAJudge(JudgingFixture service) : IClassFixture<JudgingFixture>
{
    [Fact]
    public async Task J1_a_removed_judges_link_neither_seats_them_again_nor_opens()
    {
        var invited = await (await service.ClientAs(Users.Organizer).PostAsJsonAsync("/panels/test-2026/story/invitations", new { name = "评委甲" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var (judgeId, link) = (invited.GetProperty("judgeId").GetString()!, invited.GetProperty("link").GetString()!);
        var token = link[(link.LastIndexOf('/') + 1)..];
        await AcceptAsync(token); // the page's POST, without its antiforgery form
        using var browser = service.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/ui/invitations/{token}")).StatusCode); // still their way in

        (await service.ClientAs(Users.Organizer).DeleteAsync($"/panels/test-2026/story/judges/{judgeId}")).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/ui/invitations/{token}")).StatusCode);
        await Assert.ThrowsAnyAsync<Refusal>(() => AcceptAsync(token));
        using var scope = service.Services.CreateScope();
        var panel = await scope.ServiceProvider.GetRequiredService<IDocumentSession>().PanelAsync("test-2026", "story", CancellationToken.None);
        Assert.DoesNotContain(panel!.Judges, j => j.Id == judgeId);
    }

    private async Task AcceptAsync(string token)
    {
        using var scope = service.Services.CreateScope();
        var session = scope.ServiceProvider.GetRequiredService<IDocumentSession>();
        var invitation = await session.UsableInvitationAsync(token, DateTimeOffset.UtcNow, CancellationToken.None);
        await AcceptInvitation.HandleAsync(session, scope.ServiceProvider.GetRequiredService<CampaignCatalog>(), invitation, DateTimeOffset.UtcNow, CancellationToken.None);
    }
}
