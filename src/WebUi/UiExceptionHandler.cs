using System.Net;
using Campaign.Campaigns;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Campaign.WebUi;

/// <summary>A refusal met in the UI is a page a person can read, not a JSON problem: the same
/// status, the message in the page's language, a way back. The API keeps its problem details.</summary>
public sealed class UiExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (!context.Request.Path.StartsWithSegments("/ui") || exception is not Refusal refusal) return false;
        context.Response.StatusCode = refusal.Status;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync($"""
            <!DOCTYPE html><html lang="{(L.English ? "en" : "zh-Hans")}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{refusal.Status}</title><link rel="stylesheet" href="/ui.css"></head>
            <body><main><h1>{refusal.Status}</h1><p class="error" role="alert" id="problem">{WebUtility.HtmlEncode(L.Refusal(refusal))}</p>
            <p><a href="/ui">{L.T("返回", "Back")}</a></p></main></body></html>
            """, ct);
        return true;
    }
}
