using System.Net;
using Campaign.Campaigns;
using Campaign.ServiceDefaults.Http;
using Microsoft.AspNetCore.Diagnostics;

namespace Campaign.Judging.Ui;

/// <summary>A refusal met in the UI is a page a person can read, not a JSON problem: the same
/// status, the message in the page's language, a way back. The API keeps its problem details.</summary>
public sealed class UiExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (!context.Request.Path.StartsWithSegments("/ui")) return false;
        var (status, message) = exception switch
        {
            RuleViolationException e => (e.Status, L.Refusal(e)),
            Refusal e => (e.Status, e.In(L.English)),
            _ => (0, ""),
        };
        if (status == 0) return false;
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync($"""
            <!DOCTYPE html><html lang="{(L.English ? "en" : "zh-Hans")}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{status}</title><link rel="stylesheet" href="/ui.css"></head>
            <body><main><h1>{status}</h1><p class="error" role="alert" id="problem">{WebUtility.HtmlEncode(message)}</p>
            <p><a href="/ui">{L.T("返回", "Back")}</a></p></main></body></html>
            """, ct);
        return true;
    }
}
