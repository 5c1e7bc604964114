using Campaign.Campaigns;
using System.Text.Json;
using JasperFx;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Campaign.ServiceDefaults.Http;

/// <summary>
/// Turns refusals into RFC 7807 problems: a <see cref="Refusal"/> as it was raised, a stale write
/// as a 409, a body the endpoint cannot read as a 400 naming the field. Anything else stays a 500
/// and is logged by the framework.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var refusal = exception switch
        {
            Refusal e => e,
            ConcurrencyException or ExistingStreamIdCollisionException or DocumentAlreadyExistsException =>
                new Refusal(409, "他人同时修改了此内容，请刷新后重试。", "Someone else changed this at the same time; reload and try again."),
            // A body that is not the JSON the endpoint takes: name the field the parser stopped at.
            BadHttpRequestException { InnerException: JsonException json } e => new InvalidInputException(
                json.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body",
                $"请求体不是此接口接受的 JSON：{json.Message}", $"The body is not valid JSON for this request: {json.Message}"),
            BadHttpRequestException e => new Refusal(e.StatusCode, "请求无效", "Bad request", e.Message, e.Message),
            _ => null,
        };
        if (refusal is null) return false;

        var problem = RefusalProblems.Details(refusal, RefusalProblems.PrefersEnglish(context));
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }
}
