using Campaign.Campaigns;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Headers;
using Microsoft.AspNetCore.Mvc;

namespace Campaign.ServiceDefaults.Http;

/// <summary>
/// A <see cref="Refusal"/> as an RFC 7807 problem in the caller's language. Thrown refusals reach
/// it through <see cref="ProblemExceptionHandler"/>; endpoints whose response headers must reach
/// the caller with the refusal (the tus headers, which the exception handler clears) return
/// <see cref="ToProblem"/> instead.
/// </summary>
public static class RefusalProblems
{
    public static IResult ToProblem(this Refusal refusal, HttpContext http) => TypedResults.Problem(Details(refusal, PrefersEnglish(http)));

    /// <summary>
    /// A broken rule: "违反规则 C1" / "Rule C1", the message, and the rule's id. A malformed field:
    /// "请求无效" / "Bad request" with <c>errors</c> naming the field. Anything else: the message as
    /// the title, its detail (if any) as the detail.
    /// </summary>
    public static ProblemDetails Details(Refusal refusal, bool english)
    {
        var problem = refusal switch
        {
            RuleViolationException e => new ProblemDetails { Title = english ? $"Rule {e.RuleId}" : $"违反规则 {e.RuleId}", Detail = e.In(english), Extensions = { ["ruleId"] = e.RuleId } },
            InvalidInputException e => new HttpValidationProblemDetails(new Dictionary<string, string[]> { [e.Field] = [e.In(english)] })
            {
                Title = english ? "Bad request" : "请求无效",
                Detail = e.In(english),
            },
            _ => new ProblemDetails { Title = refusal.In(english), Detail = english ? refusal.EnglishDetail : refusal.ChineseDetail },
        };
        problem.Status = refusal.Status;
        return problem;
    }

    /// <summary>Simplified Chinese by default; English when the caller's first language is English.</summary>
    public static bool PrefersEnglish(HttpContext context) =>
        context.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).FirstOrDefault()?.Value.Value?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true;
}
