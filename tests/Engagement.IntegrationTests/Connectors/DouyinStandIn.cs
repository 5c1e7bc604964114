using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Campaign.Engagement.IntegrationTests.Connectors;

/// <summary>
/// The Douyin open platform's video data and token refresh, answering as its pages document them
/// (获取视频基础数据 / 获取视频播放数据 under data-open-service/video-data, 刷新 access_token under
/// account-permission/refresh-access-token, error codes from 状态码排查工具).
/// </summary>
public sealed class DouyinStandIn(string openId) : StandIn
{
    public sealed record Video(long Plays, long Likes, long Shares, long Comments, DateOnly CountedUntil);

    public ConcurrentDictionary<string, Video> Videos { get; } = new();
    public ConcurrentDictionary<string, bool> ValidTokens { get; } = new();
    /// <summary>The token a refresh hands out (and makes valid); null: the refresh_token expired (10010).</summary>
    public string? RefreshGives { get; set; }
    /// <summary>How many of the next data calls answer "请求频率过高" (28003018).</summary>
    public int RateLimitNext { get; set; }

    private readonly Lock _gate = new();

    /// <summary>No more rate limiting: whatever a test before left.</summary>
    public void Reset() => RateLimitNext = 0;

    protected override void Map(WebApplication app)
    {
        app.MapGet("/data/external/item/base/", (HttpRequest request) => Data(request, video => new
        {
            result = new { avg_play_duration = 12.5, total_comment = video.Comments, total_like = video.Likes, total_play = video.Plays, total_share = video.Shares },
        }));
        app.MapGet("/data/external/item/play/", (HttpRequest request) => Data(request, video => new
        {
            result_list = Enumerable.Range(0, 7).Select(i => new { date = video.CountedUntil.AddDays(i - 6).ToString("yyyy-MM-dd"), play = i == 6 ? 10 : 0 }),
        }));
        app.MapPost("/oauth/refresh_token/", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["grant_type"] != "refresh_token" || string.IsNullOrEmpty(form["client_key"]) || string.IsNullOrEmpty(form["refresh_token"]))
                return Results.Json(new { data = new { description = "缺少参数", error_code = 10005 }, message = "error" });
            if (RefreshGives is not { } token)
                return Results.Json(new { data = new { description = "refresh_token 过期", error_code = 10010 }, message = "error" });
            ValidTokens[token] = true;
            return Results.Json(new
            {
                data = new { access_token = token, description = "", error_code = 0, expires_in = 1296000, open_id = openId, refresh_expires_in = 2592000, refresh_token = form["refresh_token"].ToString(), scope = "data.external.item" },
                message = "success",
            });
        });
    }

    private IResult Data(HttpRequest request, Func<Video, object> answer)
    {
        lock (_gate)
        {
            if (RateLimitNext > 0)
            {
                RateLimitNext--;
                return Error(28003018, "请求频率过高");
            }
        }
        if (request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true) return Error(28001007, "参数不合法: content-type");
        if (!ValidTokens.ContainsKey(request.Headers["access-token"].ToString())) return Error(28001008, "access_token过期,请刷新或重新授权");
        if (request.Query["open_id"] != openId) return Error(28001015, "请求参数 access_token 和 openId不匹配");
        if (!Videos.TryGetValue(request.Query["item_id"].ToString(), out var video)) return Error(28001007, "参数不合法");
        var data = answer(video);
        return Results.Json(new { data = Merge(data), extra = Extra(0, "") });
    }

    private static Dictionary<string, object?> Merge(object data)
    {
        var fields = data.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(data));
        fields["error_code"] = 0;
        fields["description"] = "";
        return fields;
    }

    private static IResult Error(long code, string description) =>
        Results.Json(new { data = new { error_code = code, description }, extra = Extra(code, description) });

    private static object Extra(long code, string description) =>
        new { error_code = code, description, sub_error_code = 0, sub_description = "", logid = "202008121419360101980821035705926A", now = 1597213176393 };
}
