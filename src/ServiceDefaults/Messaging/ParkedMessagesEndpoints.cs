using Campaign.Campaigns;
using Campaign.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Campaign.ServiceDefaults.Messaging;

public static class ParkedMessagesEndpoints
{
    /// <summary>Operators see what a service's consumers parked and send it back once the cause is fixed.</summary>
    public static IEndpointRouteBuilder MapParkedMessages(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetService<ParkedMessages>() is null) return app;
        var group = app.MapGroup("/operations/parked").WithTags("Operations").RequireAuthorization(p => p.RequireRole(Roles.Operator));
        group.MapGet("/", (ParkedMessages parked, CancellationToken ct) => parked.CountAsync(ct))
            .WithSummary("Messages in each of this service's error queues.");
        group.MapPost("/{queue}/redelivery", async (string queue, ParkedMessages parked, CancellationToken ct) =>
                parked.Queues.Contains(queue)
                    ? Results.Ok(new { queue, redelivered = await parked.RedeliverAsync(queue, ct) })
                    : throw new Refusal(404, "没有这个队列", "Unknown queue", $"本服务的队列为 {string.Join("、", parked.Queues)}。", $"This service's queues are {string.Join(", ", parked.Queues)}."))
            .WithSummary("Send every parked message of one of this service's queues back to it.");
        return app;
    }
}
