using System.Text;
using System.Text.Json;

namespace Campaign.EndToEnd.Walking;

/// <summary>One request no endpoint may answer with a server error. <see cref="Body"/> null sends none.</summary>
public sealed record MalformedRequest(string Kind, HttpMethod Method, string Url, string? Body, IReadOnlyList<KeyValuePair<string, string>> Headers,
    string ContentType = "application/json")
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, Url);
        if (Body is not null) message.Content = new StringContent(Body, Encoding.UTF8, ContentType);
        foreach (var (name, value) in Headers) message.Headers.TryAddWithoutValidation(name, value);
        return message;
    }
}

/// <summary>
/// The fixed set of malformed requests for an operation of an OpenAPI document: bad path values,
/// bad query and header values, and bodies that are not what the operation's schema describes.
/// </summary>
public static class MalformedRequests
{
    // Already escaped for the path: "%00" must reach the server as an encoded NUL.
    private static readonly (string Kind, string Segment)[] BadPathValues =
    [
        ("a random Guid", Guid.NewGuid().ToString()),
        ("not-a-guid", "not-a-guid"),
        ("5,000 chars", new string('x', 5_000)),
        ("-1", "-1"),
        ("99999999999999999999", "99999999999999999999"),
        ("%00", "%00"),
    ];

    private static readonly (string Kind, string Value)[] BadQueryValues =
    [
        ("2147483647", "2147483647"),
        ("-2147483648", "-2147483648"),
        ("99999999999999999999", "99999999999999999999"),
        ("-1", "-1"),
        ("not-a-number", "not-a-number"),
        ("5,000 chars", new string('x', 5_000)),
    ];

    private const string TusContentType = "application/offset+octet-stream";

    private static readonly (string Kind, string Value)[] BadTusNumbers =
    [
        ("-1", "-1"),
        ("not-a-number", "not-a-number"),
        ("99999999999999999999", "99999999999999999999"),
        ("9223372036854775807", "9223372036854775807"),
    ];

    private static readonly (string Kind, string Value)[] BadTusMetadata =
    [
        ("not base64", "campaignId !!!,categoryId ???"),
        ("keys without values", "campaignId,categoryId"),
        ("only commas", ",,,"),
        ("repeated keys", $"campaignId {Base64("x")},campaignId {Base64("y")}"),
        ("5,000 chars", new string('x', 5_000)),
    ];

    private static readonly (string Kind, string Value)[] BadTusChecksums =
    [
        ("not base64", "sha1 !!!"),
        ("unknown algorithm", $"md4 {Base64("x")}"),
        ("no digest", "sha1"),
        ("garbage", "garbage"),
    ];

    private static readonly HashSet<string> MethodsWithoutBody = ["GET", "HEAD", "OPTIONS", "TRACE"];

    /// <summary>Each path parameter in turn set to a bad value, the others naming something real.</summary>
    public static IEnumerable<MalformedRequest> WithBadPaths(OpenApiOperation operation, OpenApiDocument document, KnownNames names)
    {
        var context = Context(operation, document, names);
        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
            foreach (var (kind, segment) in BadPathValues)
                yield return new($"path {parameter.Name}={kind}", operation.Method,
                    Url(operation.Path, new Dictionary<string, string>(context) { [parameter.Name] = segment }), BindingBody(operation), []);
    }

    /// <summary>Each query and header parameter in turn set to a bad value, then every malformed body.</summary>
    public static IEnumerable<MalformedRequest> WithBadInput(OpenApiOperation operation, OpenApiDocument document, KnownNames names)
    {
        var url = Url(operation.Path, Context(operation, document, names));
        foreach (var parameter in operation.Parameters.Where(p => p.In is "query" or "header"))
            foreach (var (kind, value) in BadQueryValues)
                yield return parameter.In == "query"
                    ? new($"query {parameter.Name}={kind}", operation.Method,
                        $"{url}?{Uri.EscapeDataString(parameter.Name)}={Uri.EscapeDataString(value)}", BindingBody(operation), [])
                    : new($"header {parameter.Name}={kind}", operation.Method, url, BindingBody(operation), [new(parameter.Name, value)]);

        if (MethodsWithoutBody.Contains(operation.Method.Method)) yield break;
        // Sent to operations without a documented body too: the tus endpoints read their requests themselves.
        yield return new("no body", operation.Method, url, null, []);
        foreach (var (kind, body) in MalformedBodies.WithoutSchema) yield return new(kind, operation.Method, url, body, []);
        if (operation.JsonBodySchema is { } schema)
            foreach (var (kind, body) in MalformedBodies.For(schema, document, names)) yield return new(kind, operation.Method, url, body, []);
    }

    /// <summary>
    /// The tus endpoints read protocol headers the document does not describe: with the protocol
    /// version they need, each header in turn is sent a bad value, the others left out or valid.
    /// </summary>
    public static IEnumerable<MalformedRequest> WithBadTusHeaders(OpenApiOperation operation, OpenApiDocument document, KnownNames names)
    {
        if (!operation.Path.StartsWith("/uploads", StringComparison.Ordinal) || operation.Method.Method is "GET" or "OPTIONS") yield break;
        var url = Url(operation.Path, Context(operation, document, names));
        var metadata = $"campaignId {Base64(names.CampaignId)},categoryId {Base64(names.CategoryId)},filename {Base64("a.mp4")}";
        var body = operation.Method == HttpMethod.Patch ? "garbage" : null;
        KeyValuePair<string, string> tus = new("Tus-Resumable", "1.0.0");
        yield return new("tus, no headers", operation.Method, url, body, [tus], TusContentType);
        foreach (var (kind, value) in BadTusNumbers)
        {
            yield return new($"tus Upload-Length={kind}", operation.Method, url, body, [tus, new("Upload-Length", value), new("Upload-Metadata", metadata)], TusContentType);
            yield return new($"tus Upload-Offset={kind}", operation.Method, url, body, [tus, new("Upload-Offset", value)], TusContentType);
        }
        foreach (var (kind, value) in BadTusMetadata)
            yield return new($"tus Upload-Metadata={kind}", operation.Method, url, body, [tus, new("Upload-Length", "10"), new("Upload-Metadata", value)], TusContentType);
        foreach (var (kind, value) in BadTusChecksums)
            yield return new($"tus Upload-Checksum={kind}", operation.Method, url, body, [tus, new("Upload-Offset", "0"), new("Upload-Checksum", value)], TusContentType);
    }

    /// <summary>
    /// The path parameters' values when a path is not what is under test. A command without a body
    /// (close a panel, approve a roster) is valid with any path that names something real, so it
    /// is sent unknown ids only; readers and commands with a body are sent real names, so a
    /// malformed query or body reaches the handler.
    /// </summary>
    private static Dictionary<string, string> Context(OpenApiOperation operation, OpenApiDocument document, KnownNames names)
    {
        var reachesHandler = operation.JsonBodySchema is not null || MethodsWithoutBody.Contains(operation.Method.Method);
        return operation.Parameters.Where(p => p.In == "path").ToDictionary(p => p.Name,
            p => Uri.EscapeDataString(reachesHandler ? names.For(p.Name, p.Schema, document) : Guid.NewGuid().ToString()));
    }

    // Without a body that binds, minimal APIs answer 400 before a bad path or query value is read.
    private static string? BindingBody(OpenApiOperation operation) => operation.JsonBodySchema is null ? null : "{}";

    private static string Base64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));

    private static string Url(string template, IReadOnlyDictionary<string, string> segments) =>
        segments.Aggregate(template, (url, segment) => url.Replace($"{{{segment.Key}}}", segment.Value, StringComparison.Ordinal));
}

/// <summary>
/// Names of real things of one campaign, for parameters and properties that are not under test,
/// chosen by their name; any id is a fresh Guid, which names nothing.
/// </summary>
public sealed record KnownNames(string CampaignId, string CategoryId, string City, string JudgeId, string Port)
{
    public string For(string parameter, JsonElement schema, OpenApiDocument document)
    {
        var name = parameter.ToUpperInvariant();
        if (document.FormatOf(schema) == "uuid") return Guid.NewGuid().ToString();
        if (name.Contains("CAMPAIGN", StringComparison.Ordinal)) return CampaignId;
        if (name.Contains("CATEGORY", StringComparison.Ordinal)) return CategoryId;
        if (name.Contains("CITY", StringComparison.Ordinal) || name.Contains("ORGANIZATION", StringComparison.Ordinal)) return City;
        if (name.Contains("JUDGE", StringComparison.Ordinal)) return JudgeId;
        if (name == "PORT") return Port;
        return Guid.NewGuid().ToString();
    }
}
