using Microsoft.AspNetCore.Http;

namespace Campaign.ServiceDefaults.Http;

/// <summary>
/// The Simplified Chinese of the problem titles and details written in English in the code (not
/// found, protocol errors, the framework's status titles). A rule's refusal carries its own
/// Chinese (<c>RuleViolationException</c>); everything else is translated here, once, on the way
/// out, unless the caller asked for English.
/// </summary>
public static class ProblemTexts
{
    private static readonly Dictionary<string, string> Chinese = new(StringComparer.Ordinal)
    {
        // The framework's titles by status code.
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
        // The platform's own.
        ["Bad request"] = "请求无效",
        ["Not found"] = "未找到",
        ["Someone else changed this at the same time; reload and try again."] = "他人同时修改了此内容，请刷新后重试。",
        ["Entry not found"] = "作品不存在",
        ["Unknown campaign"] = "没有这个活动",
        ["Unknown category"] = "没有这个类别",
        ["Unknown campaign or category"] = "没有这个活动或类别",
        ["Unknown campaign or city"] = "没有这个活动或城市",
        ["Unknown user"] = "没有这个用户",
        ["Roster not found"] = "名单不存在",
        ["Only the city union's administrator submits its roster"] = "名单由市总工会管理员报送",
        ["No check for this entry yet"] = "该作品尚未完成媒体检查",
        ["No panel for this category yet"] = "该类别尚无评委会",
        ["No published entry with this id"] = "没有此编号的已发布作品",
        ["The token names no platform"] = "令牌未指明平台",
        ["Awards of this category are not allocated yet"] = "该类别尚未评定奖项",
        ["Upload not found"] = "上传不存在或已过期",
        ["Upload-Length is required"] = "缺少 Upload-Length",
        ["Upload-Offset is required"] = "缺少 Upload-Offset",
        ["Unsupported tus version"] = "不支持的 tus 协议版本",
        ["Unsupported checksum algorithm"] = "不支持的校验算法",
        ["Checksum mismatch"] = "校验和不一致",
        ["Offset mismatch"] = "偏移量不一致",
        ["Content-Type must be application/offset+octet-stream"] = "Content-Type 必须为 application/offset+octet-stream",
        ["More bytes than the declared Upload-Length"] = "数据超过声明的 Upload-Length",
        ["Another request is writing this upload"] = "另一个请求正在写入此上传",
        ["Deferred lengths are not supported: the length is checked against the category's limit first."] = "不支持延迟声明长度：须先按类别上限检查文件大小。",
        ["The chunk was discarded; send it again."] = "该数据块已丢弃，请重新发送。",
        ["Upload-Metadata must name campaignId and categoryId."] = "Upload-Metadata 须包含 campaignId 和 categoryId。",
    };

    /// <summary>Translates the problem's title and detail for a caller who did not ask for English.</summary>
    public static void Localize(ProblemDetailsContext context)
    {
        if (ProblemExceptionHandler.PrefersEnglish(context.HttpContext)) return;
        var problem = context.ProblemDetails;
        problem.Title = Translate(problem.Title);
        problem.Detail = Translate(problem.Detail);
    }

    private static string? Translate(string? text) => text is not null && Chinese.TryGetValue(text, out var chinese) ? chinese : text;
}
