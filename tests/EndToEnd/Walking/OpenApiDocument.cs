using System.Text.Json;

namespace Campaign.EndToEnd.Walking;

public sealed record OpenApiParameter(string Name, string In, JsonElement Schema);

/// <summary>One path and method of a service's OpenAPI document, with what a caller may send it.</summary>
public sealed record OpenApiOperation(HttpMethod Method, string Path, IReadOnlyList<OpenApiParameter> Parameters, bool HasBody, JsonElement? JsonBodySchema);

/// <summary>
/// Reads the operations and their schemas from an OpenAPI 3.x document as ASP.NET Core writes it:
/// <c>$ref</c> into <c>components/schemas</c>, nullable as a <c>null</c> type or a <c>null</c> alternative.
/// </summary>
public sealed class OpenApiDocument(JsonElement document)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    private static readonly string[] TypesByPreference = ["object", "array", "integer", "number", "boolean", "string"];

    public IEnumerable<OpenApiOperation> Operations()
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            var shared = path.Value.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
            foreach (var method in Methods)
            {
                if (!path.Value.TryGetProperty(method, out var operation)) continue;
                var parameters = shared.Concat(operation.TryGetProperty("parameters", out var own) ? own.EnumerateArray() : [])
                    .Select(Resolve)
                    .Select(e => new OpenApiParameter(e.GetProperty("name").GetString()!, e.GetProperty("in").GetString()!,
                        e.TryGetProperty("schema", out var schema) ? schema : default))
                    .ToList();
                var hasBody = operation.TryGetProperty("requestBody", out var body);
                JsonElement? json = hasBody && Resolve(body).TryGetProperty("content", out var content)
                    ? content.EnumerateObject().Where(c => c.Name.Contains("json", StringComparison.OrdinalIgnoreCase))
                        .Select(c => c.Value.TryGetProperty("schema", out var s) ? s : (JsonElement?)null).FirstOrDefault()
                    : null;
                yield return new OpenApiOperation(new HttpMethod(method.ToUpperInvariant()), path.Name, parameters, hasBody, json);
            }
        }
    }

    /// <summary>The schema itself: references followed, and of alternatives the first that is not <c>null</c>.</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        for (var hops = 0; hops < 32 && schema.ValueKind == JsonValueKind.Object; hops++)
        {
            if (schema.TryGetProperty("$ref", out var reference))
            {
                var target = document;
                foreach (var segment in reference.GetString()!.TrimStart('#', '/').Split('/'))
                    target = target.GetProperty(segment.Replace("~1", "/").Replace("~0", "~"));
                schema = target;
            }
            else if (Alternatives(schema) is { } alternatives)
                schema = alternatives.FirstOrDefault(a => TypeOf(a) != "null", alternatives.FirstOrDefault());
            else return schema;
        }
        return schema;
    }

    /// <summary>The JSON type a value of the schema has, <c>null</c> only when it has no other.</summary>
    public string TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object) return "unknown";
        if (schema.TryGetProperty("$ref", out _) || Alternatives(schema) is not null) return TypeOf(Resolve(schema));
        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToList() : [type.GetString()];
            return TypesByPreference.FirstOrDefault(types.Contains) ?? (types.Contains("null") ? "null" : "unknown");
        }
        if (schema.TryGetProperty("properties", out _) || schema.TryGetProperty("additionalProperties", out _)) return "object";
        return schema.TryGetProperty("items", out _) ? "array" : "unknown";
    }

    /// <summary>Whether null is a value of the schema: then a null is no malformed input.</summary>
    public bool AllowsNull(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object) return true;
        if (schema.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True) return true;
        if (schema.TryGetProperty("type", out var type))
            return type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Any(t => t.GetString() == "null") : type.GetString() == "null";
        if (Alternatives(schema) is { } alternatives) return alternatives.Any(AllowsNull);
        return schema.TryGetProperty("$ref", out _) && AllowsNull(Resolve(schema));
    }

    public string? FormatOf(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && Resolve(schema).TryGetProperty("format", out var format) ? format.GetString() : null;

    private static List<JsonElement>? Alternatives(JsonElement schema)
    {
        foreach (var keyword in new[] { "oneOf", "anyOf", "allOf" })
            if (schema.TryGetProperty(keyword, out var alternatives) && alternatives.GetArrayLength() > 0)
                return alternatives.EnumerateArray().ToList();
        return null;
    }
}
