using Campaign.Campaigns;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Campaign.ServiceDefaults.Http;

/// <summary>
/// The page a list endpoint is asked for, from its <c>page</c> and <c>pageSize</c> query
/// parameters. A value out of range is the caller's mistake: a 400 validation problem names the
/// parameter; it is never moved silently to the nearest page, nor left to overflow the offset.
/// <see cref="MaxPage"/> × <see cref="MaxPageSize"/> is 10⁷ rows: far beyond what any campaign
/// receives (the default one, hundreds to a few thousand works) and far below <c>int.MaxValue</c>,
/// so the offset cannot overflow. A page past the last is an ordinary empty page.
/// </summary>
public readonly record struct Paging(int Page, int PageSize)
{
    public const int MaxPage = 100_000;
    public const int MaxPageSize = 100;

    public int Skip => (Page - 1) * PageSize;

    /// <summary>The page asked for, or the problem to answer with instead.</summary>
    public static (Paging Paging, ValidationProblem? Problem) From(HttpContext http, int? page, int? pageSize, int defaultPageSize = 20)
    {
        var english = RefusalProblems.PrefersEnglish(http);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (page is < 1 or > MaxPage)
            errors["page"] = [english ? $"page must be between 1 and {MaxPage}." : $"页码须为1–{MaxPage}。"];
        if (pageSize is < 1 or > MaxPageSize)
            errors["pageSize"] = [english ? $"pageSize must be between 1 and {MaxPageSize}." : $"每页条数须为1–{MaxPageSize}。"];
        return errors.Count == 0
            ? (new Paging(page ?? 1, pageSize ?? defaultPageSize), null)
            : (default, TypedResults.ValidationProblem(errors, title: english ? "The page asked for is out of range." : "请求的分页超出范围。"));
    }
}
