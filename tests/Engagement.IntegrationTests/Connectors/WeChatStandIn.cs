using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Campaign.Engagement.IntegrationTests.Connectors;

/// <summary>
/// A WeChat official account's token and data interfaces, answering as documented (获取 Access token,
/// 获取图文群发总数据 getarticletotal, 全局返回码): a new token makes the previous one invalid, as WeChat's does.
/// </summary>
public sealed class WeChatStandIn(string appId, string appSecret) : StandIn
{
    public sealed record Detail(DateOnly StatDate, long Reads, long Shares, long Favourites);
    public sealed record Article(DateOnly Sent, string MsgId, string Title, IReadOnlyList<Detail> Details);

    public ConcurrentBag<Article> Articles { get; } = [];
    /// <summary>An errcode the token interface answers with instead of a token (40164: the caller's IP is not allowed).</summary>
    public int? TokenRefusal { get; set; }
    /// <summary>How many of the next data calls answer 45011 (minute quota).</summary>
    public int RateLimitNext { get; set; }
    /// <summary>Every data call answers 45009 (daily quota).</summary>
    public bool QuotaSpent { get; set; }
    public int TokensIssued => _issued;

    private readonly Lock _gate = new();
    private int _issued;
    private string? _current;

    /// <summary>No more refusals and limits: whatever a test before left.</summary>
    public void Reset() => (TokenRefusal, RateLimitNext, QuotaSpent) = (null, 0, false);

    /// <summary>The token handed out last stops being valid, as after its two hours.</summary>
    public void ExpireToken() => _current = null;

    protected override void Map(WebApplication app)
    {
        app.MapGet("/cgi-bin/token", (string? grant_type, string? appid, string? secret) =>
        {
            if (TokenRefusal is { } refusal) return Results.Json(new { errcode = refusal, errmsg = "invalid ip 127.0.0.1, not in whitelist" });
            if (grant_type != "client_credential" || appid != appId) return Results.Json(new { errcode = 40013, errmsg = "invalid appid" });
            if (secret != appSecret) return Results.Json(new { errcode = 40001, errmsg = "invalid credential, access_token is invalid or not latest" });
            _current = $"wx-token-{Interlocked.Increment(ref _issued)}";
            return Results.Json(new { access_token = _current, expires_in = 7200 });
        });
        app.MapPost("/datacube/getarticletotal", async (HttpRequest request, string? access_token) =>
        {
            lock (_gate)
            {
                if (RateLimitNext > 0)
                {
                    RateLimitNext--;
                    return Results.Json(new { errcode = 45011, errmsg = "api minute-quota reach limit, must slower, retry next minute" });
                }
            }
            if (QuotaSpent) return Results.Json(new { errcode = 45009, errmsg = "reach max api daily quota limit" });
            if (access_token is null || access_token != _current) return Results.Json(new { errcode = 42001, errmsg = "access_token expired" });
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            var begin = DateOnly.Parse(body.GetProperty("begin_date").GetString()!);
            if (body.GetProperty("end_date").GetString() != body.GetProperty("begin_date").GetString())
                return Results.Json(new { errcode = 61501, errmsg = "date range error" });
            return Results.Json(new
            {
                list = Articles.Where(a => a.Sent == begin).Select(a => new
                {
                    ref_date = a.Sent.ToString("yyyy-MM-dd"),
                    msgid = a.MsgId,
                    title = a.Title,
                    details = a.Details.Select(d => new
                    {
                        stat_date = d.StatDate.ToString("yyyy-MM-dd"),
                        target_user = 1000,
                        int_page_read_user = d.Reads / 2,
                        int_page_read_count = d.Reads,
                        ori_page_read_user = 0,
                        ori_page_read_count = 0,
                        share_user = d.Shares,
                        share_count = d.Shares,
                        add_to_fav_user = d.Favourites,
                        add_to_fav_count = d.Favourites,
                    }),
                }),
            });
        });
    }
}
