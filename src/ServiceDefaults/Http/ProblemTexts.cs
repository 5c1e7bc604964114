using Campaign.Campaigns;
using Microsoft.AspNetCore.Http;

namespace Campaign.ServiceDefaults.Http;

/// <summary>
/// The Simplified Chinese of the framework's own problem titles (a 401 from authentication, a 405,
/// a 404 for an unknown path). Everything the platform raises itself carries both languages from
/// where it is raised (<see cref="Campaign.Campaigns.Refusal"/>); this table is only for what the
/// framework writes.
/// </summary>
public static class ProblemTexts
{
    private static readonly Dictionary<string, string> Chinese = new(StringComparer.Ordinal)
    {
        ["Bad Request"] = "请求无效",
        ["Unauthorized"] = "未登录或令牌无效",
        ["Forbidden"] = "无权执行此操作",
        ["Not Found"] = "未找到",
        ["Method Not Allowed"] = "不支持此方法",
        ["Conflict"] = "冲突",
        ["Request Entity Too Large"] = "内容过大",
        ["Unsupported Media Type"] = "不支持的内容类型",
        ["Unprocessable Entity"] = "无法处理的请求",
        ["An error occurred while processing your request."] = "处理请求时出错。",
    };

    /// <summary>Translates a framework title for a caller who did not ask for English.</summary>
    public static void Localize(ProblemDetailsContext context)
    {
        if (RefusalProblems.PrefersEnglish(context.HttpContext)) return;
        var problem = context.ProblemDetails;
        if (problem.Title is not null && Chinese.TryGetValue(problem.Title, out var chinese)) problem.Title = chinese;
    }
}
