using Campaign.Campaigns;
using System.Text.Json;
using JasperFx;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Headers;
using Microsoft.AspNetCore.Mvc;

namespace Campaign.ServiceDefaults.Http;

/// <summary>
/// Turns refusals into RFC 7807 problems: a broken rule names its id, a stale write is a 409,
/// unreadable or out-of-bounds input a 400 naming the field. Anything else stays a 500 and is logged by the framework.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            RuleViolationException e => RuleProblems.Details(e, PrefersEnglish(context)),
            NotFoundException e => Problem(404, "Not found", PrefersEnglish(context) ? e.Message : e.Chinese),
            ConcurrencyException or ExistingStreamIdCollisionException or DocumentAlreadyExistsException =>
                Problem(409, "Conflict", "Someone else changed this at the same time; reload and try again."),
            InvalidInputException e => Invalid(e.Field, PrefersEnglish(context) ? e.Message : e.Chinese),
            // A body that is not the JSON the endpoint takes: name the field the parser stopped at.
            BadHttpRequestException { InnerException: JsonException json } e =>
                Invalid(json.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body", PrefersEnglish(context)
                    ? $"The body is not valid JSON for this request: {json.Message}"
                    : $"请求体不是此接口接受的 JSON：{json.Message}", e.StatusCode),
            BadHttpRequestException e => Problem(e.StatusCode, "Bad request", e.Message),
            _ => null,
        };
        if (problem is null) return false;

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>Simplified Chinese by default; English when the caller's first language is English.</summary>
    public static bool PrefersEnglish(HttpContext context) =>
        context.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).FirstOrDefault()?.Value.Value?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true;

    private static ProblemDetails Invalid(string field, string message, int status = 400) =>
        new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] }) { Status = status, Title = "Bad request", Detail = message };

    private static ProblemDetails Problem(int status, string title, string? detail) => new() { Status = status, Title = title, Detail = detail };
}
