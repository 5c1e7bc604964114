using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Configuration;

namespace Campaign.ServiceDefaults.Http;

/// <summary>
/// Request bodies are small unless an endpoint says otherwise: commands are a few kilobytes of
/// JSON (a story's text is 650 字), and files go through tus, whose endpoints lift the limit
/// (<c>DisableRequestSizeLimit</c>). The limit is <c>Http:MaxRequestBodyBytes</c> (64 KiB by
/// default) or the endpoint's own <c>RequestSizeLimit</c>; a larger body is refused with 413
/// before it is read, whether it declares its length or streams in chunks.
/// </summary>
public static class RequestBodyLimits
{
    public const long DefaultBytes = 64 * 1024;

    public static WebApplication UseRequestBodyLimits(this WebApplication app)
    {
        var defaultLimit = app.Configuration.GetValue("Http:MaxRequestBodyBytes", DefaultBytes);
        app.Use((context, next) =>
        {
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } metadata
                ? metadata.MaxRequestBodySize
                : defaultLimit;
            if (limit is null) return next(context);
            if (context.Request.ContentLength > limit)
                throw new BadHttpRequestException($"The request body has {context.Request.ContentLength} bytes; this endpoint takes at most {limit}.", 413);
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
            return next(context);
        });
        return app;
    }
}
