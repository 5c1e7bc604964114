using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using static Campaign.Engagement.Connectors.PlatformHttp;

namespace Campaign.Engagement.Connectors;

/// <summary>
/// E1: a WeChat official account's article figures, from its data interfaces (数据统计):
/// <c>POST /datacube/getarticletotal?access_token=…</c> with <c>{"begin_date","end_date"}</c> (one day) →
/// <c>{"list":[{"ref_date","msgid":"{mid}_{idx}","title","details":[{"stat_date","int_page_read_count","share_count","add_to_fav_count",…}]}]}</c>:
/// for the articles sent on that day, each day's totals since sending, for at most seven days
/// (获取图文群发总数据, https://developers.weixin.qq.com/doc/service/api/wedata/news/api_getarticletotal —
/// the page marks it as no longer maintained in favour of getarticleread/getarticletotaldetail).
/// A poll for day D therefore asks for the articles sent on D−6 … D, one call each. The access token
/// comes from <c>GET /cgi-bin/token?grant_type=client_credential&amp;appid&amp;secret</c> →
/// <c>{"access_token","expires_in":7200}</c> or <c>{"errcode":40013,"errmsg":"invalid appid"}</c>
/// (获取 Access token, https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Get_access_token.html);
/// every error is <c>{"errcode","errmsg"}</c> (全局返回码, https://developers.weixin.qq.com/doc/offiaccount/Getting_Started/Global_Return_Code.html).
/// </summary>
public sealed class WeChatConnector(ConfiguredConnector connector, HttpClient http) : IPlatformConnector
{
    /// <summary>The data interfaces report on articles for seven days after they are sent.</summary>
    public const int DaysReported = 7;

    private ConnectorOptions Options => connector.Options;

    private static PlatformReaction ReactionTo(long code) => code switch
    {
        40001 or 40014 or 42001 => PlatformReaction.Renew, // access_token 无效 / 不合法 / 超时
        45011 or -1 => PlatformReaction.SlowDown, // API 调用太频繁 (每分钟额度), 系统繁忙
        45009 => PlatformReaction.QuotaSpent, // 接口调用超过每日限额
        48001 or 40013 or 40125 or 40164 or 41002 or 41004 => PlatformReaction.CredentialsRefused, // 接口未授权, 不合法的 AppID / AppSecret, IP 不在白名单
        _ => PlatformReaction.Failed,
    };

    /// <summary>An article's address, <c>https://mp.weixin.qq.com/s?__biz=…&amp;mid=…&amp;idx=…</c>, names its msgid <c>{mid}_{idx}</c>; a short link names none.</summary>
    public string? ItemIdOf(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Host != "mp.weixin.qq.com") return null;
        var query = QueryHelpers.ParseQuery(uri.Query.Replace("&amp;", "&", StringComparison.Ordinal));
        return query.TryGetValue("mid", out var mid) && query.TryGetValue("idx", out var idx)
            && long.TryParse(mid, out _) && int.TryParse(idx, out _) ? $"{mid}_{idx}" : null;
    }

    public string? ConfiguredToken => null;

    public async Task<string> RenewAsync(CancellationToken ct)
    {
        var query = $"cgi-bin/token?grant_type=client_credential&appid={Uri.EscapeDataString(Options.AppId!)}&secret={Uri.EscapeDataString(Options.AppSecret!)}";
        using var response = await http.GetAsync(new Uri(Options.Root, query), ct);
        // The token call's own refusals (wrong secret 40001, unknown appid 40013, IP not allowed 40164) are the credentials'.
        var answer = Checked(await ReadAsync(response, ct), obtainingToken: true);
        return Text(answer, "access_token") is { Length: > 0 } token ? token : throw new PlatformError(PlatformReaction.CredentialsRefused, "access_token", "no token");
    }

    public async Task PullAsync(PlatformCalls calls, IReadOnlyList<Publication> publications, DateOnly day, Pulled pulled, CancellationToken ct)
    {
        var byMsgId = publications.GroupBy(p => p.ItemId).ToDictionary(g => g.Key, g => g.ToList());
        for (var sent = day.AddDays(1 - DaysReported); sent <= day; sent = sent.AddDays(1))
        {
            try
            {
                var answer = await calls.CallAsync((token, c) => ArticlesSentOnAsync(sent, token, c), ct);
                if (!answer.TryGetProperty("list", out var list) || list.ValueKind != JsonValueKind.Array) continue;
                foreach (var article in list.EnumerateArray())
                {
                    if (!byMsgId.TryGetValue(Text(article, "msgid"), out var found) || !article.TryGetProperty("details", out var details)) continue;
                    // A day after the one polled may not be complete yet: a later poll records it.
                    foreach (var detail in details.EnumerateArray())
                        if (DateOnly.TryParseExact(Text(detail, "stat_date"), "yyyy-MM-dd", out var counted) && counted <= day)
                            pulled.Figures.AddRange(found.Select(p => new DayFigures(p.EntryId, counted, new Dictionary<string, long>
                            {
                                ["views"] = Number(detail, "int_page_read_count") ?? 0,
                                ["shares"] = Number(detail, "share_count") ?? 0,
                            })));
                }
            }
            catch (PlatformError e) when (e.Reaction == PlatformReaction.Failed)
            {
                pulled.Failures.Add(e);
            }
        }
    }

    private async Task<JsonElement> ArticlesSentOnAsync(DateOnly sent, string token, CancellationToken ct)
    {
        var date = sent.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var response = await http.PostAsJsonAsync(new Uri(Options.Root, $"datacube/getarticletotal?access_token={Uri.EscapeDataString(token)}"),
            new { begin_date = date, end_date = date }, ct);
        return Checked(await ReadAsync(response, ct));
    }

    private static JsonElement Checked(JsonElement answer, bool obtainingToken = false) =>
        Number(answer, "errcode") is { } code and not 0
            ? throw new PlatformError(ReactionTo(code) is var r && obtainingToken && r == PlatformReaction.Renew ? PlatformReaction.CredentialsRefused : r,
                code.ToString(CultureInfo.InvariantCulture), Text(answer, "errmsg"))
            : answer;
}
