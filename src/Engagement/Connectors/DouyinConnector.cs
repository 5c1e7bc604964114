using System.Globalization;
using System.Text.Json;
using static Campaign.Engagement.Connectors.PlatformHttp;

namespace Campaign.Engagement.Connectors;

/// <summary>
/// E1: the Douyin open platform's video data of the account's own works (scope <c>data.external.item</c>).
/// Douyin's figures are offline: each day's are produced the next morning, for works created in the
/// last 30 days. Per work, two calls, one after the other:
/// <list type="bullet">
/// <item><c>GET /data/external/item/base/?open_id&amp;item_id</c>, header <c>access-token</c> →
/// <c>{"data":{"error_code":0,"description":"","result":{"total_play","total_like","total_share","total_comment","avg_play_duration"}},"extra":{…}}</c>:
/// the cumulative figures (获取视频基础数据, https://developer.open-douyin.com/docs/resource/zh-CN/dop/develop/openapi/data-open-service/video-data/get-basic-data).</item>
/// <item><c>GET /data/external/item/play/?open_id&amp;item_id&amp;date_type=7</c> →
/// <c>{"data":{"error_code":0,"description":"","result_list":[{"date":"yyyy-MM-dd","play":200}]},"extra":{…}}</c>:
/// its latest date is the day those totals describe (获取视频播放数据, …/video-data/get-play-data; the same
/// shape as 获取视频分享数据, …/video-data/get-share-data).</item>
/// </list>
/// An expired token is refreshed with <c>POST /oauth/refresh_token/</c> (form <c>client_key</c>,
/// <c>grant_type=refresh_token</c>, <c>refresh_token</c>) →
/// <c>{"data":{"access_token","error_code":0,"description":"","expires_in","open_id","refresh_expires_in","refresh_token","scope"},"message":"success"}</c>;
/// <c>error_code</c> 10010 there means the refresh_token itself expired and the account must authorize
/// again (刷新 access_token, https://developer.open-douyin.com/docs/resource/zh-CN/dop/develop/openapi/account-permission/refresh-access-token).
/// </summary>
public sealed class DouyinConnector(ConfiguredConnector connector, HttpClient http) : IPlatformConnector
{
    private ConnectorOptions Options => connector.Options;

    /// <summary>Error codes of the data calls (状态码排查工具, https://developer.open-douyin.com/docs/resource/zh-CN/dop/develop/openapi/status-code; the older codes from the video data pages).</summary>
    private static PlatformReaction ReactionTo(long code) => code switch
    {
        28001008 or 28001003 or 2190008 or 2190002 or 10008 => PlatformReaction.Renew, // access_token 过期 / 无效
        28003018 or 28001052 or 28001005 or 28001006 or 2100004 => PlatformReaction.SlowDown, // 请求频率过高, 风险控制访问频率, 系统繁忙, 网络调用错误
        28003017 or 2190001 => PlatformReaction.QuotaSpent, // quota 已用完
        28001012 or 28001014 or 28001015 or 28001016 or 28001018 or 28001019 => PlatformReaction.CredentialsRefused, // 未授权该 OpenAPI, 应用被封禁…
        _ => PlatformReaction.Failed,
    };

    /// <summary>The work's page, <c>https://www.douyin.com/video/{item_id}</c>, names its item id.</summary>
    public string? ItemIdOf(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && (uri.Host == "douyin.com" || uri.Host.EndsWith(".douyin.com", StringComparison.Ordinal))
        && uri.AbsolutePath.StartsWith("/video/", StringComparison.Ordinal)
        && Uri.UnescapeDataString(uri.AbsolutePath["/video/".Length..].TrimEnd('/')) is { Length: > 0 } id && !id.Contains('/')
            ? id : null;

    public string? ConfiguredToken => Options.AccessToken;

    public async Task<string> RenewAsync(CancellationToken ct)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_key"] = Options.ClientKey!,
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = Options.RefreshToken!,
        });
        using var response = await http.PostAsync(new Uri(Options.Root, "oauth/refresh_token/"), form, ct);
        var data = (await ReadAsync(response, ct)).GetProperty("data");
        var code = Number(data, "error_code") ?? 0;
        if (code == 0 && Text(data, "access_token") is { Length: > 0 } token) return token;
        // 10010: refresh_token 过期; 10005: 缺少参数; anything else: the authorization is not usable either.
        throw new PlatformError(ReactionTo(code) == PlatformReaction.SlowDown ? PlatformReaction.SlowDown : PlatformReaction.CredentialsRefused,
            code.ToString(CultureInfo.InvariantCulture), Text(data, "description"));
    }

    public async Task PullAsync(PlatformCalls calls, IReadOnlyList<Publication> publications, DateOnly day, Pulled pulled, CancellationToken ct)
    {
        foreach (var publication in publications)
        {
            try
            {
                var basic = await calls.CallAsync((token, c) => GetAsync("data/external/item/base/", publication.ItemId, token, null, c), ct);
                var totals = basic.TryGetProperty("result", out var result) ? result : throw new PlatformError(PlatformReaction.Failed, "result", $"no result (item {publication.ItemId})");
                var plays = await calls.CallAsync((token, c) => GetAsync("data/external/item/play/", publication.ItemId, token, 7, c), ct);
                // The totals describe the latest day the platform has counted; a list without dates is the day being polled.
                var counted = plays.TryGetProperty("result_list", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray().Select(d => DateOnly.TryParseExact(Text(d, "date"), "yyyy-MM-dd", out var date) ? date : (DateOnly?)null).Max()
                    : null;
                pulled.Figures.Add(new DayFigures(publication.EntryId, counted ?? day, new Dictionary<string, long>
                {
                    ["views"] = Number(totals, "total_play") ?? 0,
                    ["likes"] = Number(totals, "total_like") ?? 0,
                    ["shares"] = Number(totals, "total_share") ?? 0,
                    ["comments"] = Number(totals, "total_comment") ?? 0,
                }));
            }
            catch (PlatformError e) when (e.Reaction == PlatformReaction.Failed)
            {
                pulled.Failures.Add(e);
            }
        }
    }

    private async Task<JsonElement> GetAsync(string path, string itemId, string token, int? dateType, CancellationToken ct)
    {
        var query = $"?open_id={Uri.EscapeDataString(Options.OpenId!)}&item_id={Uri.EscapeDataString(itemId)}" + (dateType is { } d ? $"&date_type={d}" : "");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Options.Root, path + query));
        request.Headers.TryAddWithoutValidation("access-token", token);
        // The pages require content-type application/json on these GETs too (their curl sends an empty body).
        request.Content = new StringContent("", System.Text.Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request, ct);
        var answer = await ReadAsync(response, ct);
        var data = answer.TryGetProperty("data", out var d2) ? d2 : default;
        var code = Number(data, "error_code") is { } c and not 0 ? c : Number(answer.TryGetProperty("extra", out var extra) ? extra : default, "error_code") ?? 0;
        if (code != 0)
            throw new PlatformError(ReactionTo(code), code.ToString(CultureInfo.InvariantCulture), $"{Text(data, "description")} (item {itemId})".TrimStart());
        return data.ValueKind == JsonValueKind.Object ? data : throw new PlatformError(PlatformReaction.Failed, "data", $"no data (item {itemId})");
    }
}
