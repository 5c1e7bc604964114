using Campaign.Campaigns;
using Microsoft.AspNetCore.Http;

namespace Campaign.ServiceDefaults.Http;

/// <summary>
/// A rule's refusal as a result rather than a thrown exception, for endpoints whose response
/// headers must reach the caller with the refusal (the tus headers): the exception handler clears
/// the response headers before it writes its problem. The problem is the one
/// <see cref="ProblemExceptionHandler"/> writes.
/// </summary>
public static class RuleProblems
{
    public static IResult ToProblem(this RuleViolationException e, HttpContext http)
    {
        var english = ProblemExceptionHandler.PrefersEnglish(http);
        return Results.Problem(
            statusCode: e.Status,
            title: english ? $"Rule {e.RuleId}" : $"违反规则 {e.RuleId}",
            detail: english ? e.Message : e.Chinese ?? e.Message,
            extensions: new Dictionary<string, object?> { ["ruleId"] = e.RuleId });
    }
}
