using Campaign.Campaigns;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Campaign.ServiceDefaults.Http;

/// <summary>
/// A rule's refusal as a result rather than a thrown exception, for endpoints whose response
/// headers must reach the caller with the refusal (the tus headers): the exception handler clears
/// the response headers before it writes its problem. The problem is the one
/// <see cref="ProblemExceptionHandler"/> writes.
/// </summary>
public static class RuleProblems
{
    public static IResult ToProblem(this RuleViolationException e, HttpContext http) =>
        TypedResults.Problem(Details(e, ProblemExceptionHandler.PrefersEnglish(http)));

    /// <summary>"违反规则 C1" / "Rule C1", the message in the caller's language, and the rule's id.</summary>
    public static ProblemDetails Details(RuleViolationException e, bool english)
    {
        var problem = new ProblemDetails
        {
            Status = e.Status,
            Title = english ? $"Rule {e.RuleId}" : $"违反规则 {e.RuleId}",
            Detail = english ? e.Message : e.Chinese ?? e.Message,
        };
        problem.Extensions["ruleId"] = e.RuleId;
        return problem;
    }
}
