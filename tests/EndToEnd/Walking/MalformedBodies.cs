using System.Text.Json;
using System.Text.Json.Nodes;

namespace Campaign.EndToEnd.Walking;

/// <summary>
/// Bodies no endpoint may take for valid, made from the endpoint's own schema: every property set
/// to null, to the wrong type, to a huge number or to a very long string — at the top level, in
/// every nested object and array, and one property at a time in an otherwise plausible body, so
/// the bad value gets past the checks of the others (a member's null id behind a valid entry).
/// </summary>
public static class MalformedBodies
{
    private const int MaxDepth = 5;

    /// <summary>Bodies that need no schema, for every operation that may carry one.</summary>
    public static readonly (string Kind, string Body)[] WithoutSchema =
    [
        ("empty body", ""),
        ("{}", "{}"),
        ("null", "null"),
        ("[]", "[]"),
        ("garbage", "garbage"),
    ];

    private static readonly (string Kind, string One, Func<string, JsonNode?> Leaf)[] Modes =
    [
        ("nulls", "null", _ => null),
        ("wrong types", "a wrong type", WrongType),
        ("1e308", "1e308", _ => JsonNode.Parse("1e308")),
        ("9223372036854775807", "9223372036854775807", _ => JsonValue.Create(long.MaxValue)),
        ("-9223372036854775808", "-9223372036854775808", _ => JsonValue.Create(long.MinValue)),
        ("100,000-char strings", "a 100,000-char string", _ => JsonValue.Create(new string('x', 100_000))),
    ];

    public static IEnumerable<(string Kind, string Body)> For(JsonElement schema, OpenApiDocument document, KnownNames names)
    {
        var seen = new HashSet<string>();
        foreach (var (kind, _, leaf) in Modes)
        {
            foreach (var (depth, body) in new[] { ("top level", TopLevel(schema, document, leaf)), ("nested", Nested(schema, document, leaf, 0)) })
            {
                var json = body?.ToJsonString() ?? "null";
                if (seen.Add(json)) yield return ($"{kind} ({depth})", json);
            }
        }
        foreach (var (path, nullable) in Members(schema, document, [], 0))
            foreach (var (_, one, leaf) in Modes)
            {
                // A null where the schema allows one is no malformed input.
                if (one == "null" && nullable) continue;
                var json = OneBad(schema, document, names, path, 0, leaf)?.ToJsonString() ?? "null";
                if (seen.Add(json)) yield return ($"{string.Join('.', path).Replace(".[]", "[]", StringComparison.Ordinal)} = {one}", json);
            }
    }

    /// <summary>Every property and array item of the schema, as a path from the body, and whether it may be null.</summary>
    private static IEnumerable<(List<string> Path, bool Nullable)> Members(JsonElement schema, OpenApiDocument document, List<string> path, int depth)
    {
        if (depth >= MaxDepth) yield break;
        var resolved = document.Resolve(schema);
        var type = document.TypeOf(resolved);
        var children = type == "array" && resolved.TryGetProperty("items", out var items) ? [("[]", items)]
            : type == "object" && resolved.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => (p.Name, p.Value)).ToList()
            : new List<(string, JsonElement)>();
        foreach (var (name, child) in children)
        {
            List<string> at = [.. path, name];
            yield return (at, document.AllowsNull(child));
            foreach (var below in Members(child, document, at, depth + 1)) yield return below;
        }
    }

    /// <summary>A plausible body — real names where a property names a campaign, category, city, judge or port — but at <paramref name="path"/>.</summary>
    private static JsonNode? OneBad(JsonElement schema, OpenApiDocument document, KnownNames names, List<string> path, int at, Func<string, JsonNode?> leaf)
    {
        var resolved = document.Resolve(schema);
        if (at == path.Count) return leaf(document.TypeOf(resolved));
        if (path[at] == "[]") return new JsonArray(OneBad(resolved.GetProperty("items"), document, names, path, at + 1, leaf));
        var body = new JsonObject();
        foreach (var property in resolved.GetProperty("properties").EnumerateObject())
            body[property.Name] = property.Name == path[at]
                ? OneBad(property.Value, document, names, path, at + 1, leaf)
                : Plausible(property.Name, property.Value, document, names, at + 1);
        return body;
    }

    private static JsonNode? Plausible(string name, JsonElement schema, OpenApiDocument document, KnownNames names, int depth)
    {
        var resolved = document.Resolve(schema);
        if (resolved.ValueKind == JsonValueKind.Object && resolved.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0)
            return JsonNode.Parse(values[0].GetRawText());
        switch (document.TypeOf(resolved))
        {
            case "object" when depth < MaxDepth && resolved.TryGetProperty("properties", out var properties):
                var body = new JsonObject();
                foreach (var property in properties.EnumerateObject()) body[property.Name] = Plausible(property.Name, property.Value, document, names, depth + 1);
                return body;
            case "object": return new JsonObject();
            case "array": return new JsonArray();
            case "integer" or "number": return JsonValue.Create(1);
            case "boolean": return JsonValue.Create(true);
            default: return JsonValue.Create(names.For(name, resolved, document));
        }
    }

    private static JsonNode? TopLevel(JsonElement schema, OpenApiDocument document, Func<string, JsonNode?> leaf)
    {
        var resolved = document.Resolve(schema);
        if (document.TypeOf(resolved) != "object" || !resolved.TryGetProperty("properties", out var properties)) return leaf(document.TypeOf(resolved));
        var body = new JsonObject();
        foreach (var property in properties.EnumerateObject()) body[property.Name] = leaf(document.TypeOf(property.Value));
        return body;
    }

    private static JsonNode? Nested(JsonElement schema, OpenApiDocument document, Func<string, JsonNode?> leaf, int depth)
    {
        var resolved = document.Resolve(schema);
        var type = document.TypeOf(resolved);
        if (depth >= MaxDepth) return leaf(type);
        if (type == "array" && resolved.TryGetProperty("items", out var items))
            return new JsonArray(Nested(items, document, leaf, depth + 1));
        if (type != "object") return leaf(type);

        var body = new JsonObject();
        if (resolved.TryGetProperty("properties", out var properties))
            foreach (var property in properties.EnumerateObject()) body[property.Name] = Nested(property.Value, document, leaf, depth + 1);
        if (resolved.TryGetProperty("additionalProperties", out var values) && values.ValueKind == JsonValueKind.Object)
            body["x"] = Nested(values, document, leaf, depth + 1);
        return body.Count > 0 ? body : leaf(type);
    }

    private static JsonNode WrongType(string type) => type switch
    {
        "string" => JsonValue.Create(12345),
        "integer" or "number" => JsonValue.Create("not-a-number"),
        "boolean" => JsonValue.Create("not-a-boolean"),
        "object" => new JsonArray(),
        _ => new JsonObject(),
    };
}
