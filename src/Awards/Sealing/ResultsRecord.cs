using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Campaign.Awards.Allocation;

namespace Campaign.Awards.Sealing;

/// <summary>One event of a category's record as it is exported: its place, its type, its canonical JSON and the chain's digest after it.</summary>
public sealed record RecordLine(int Sequence, string Type, string Data, string Digest);

/// <summary>How a seal compares with the record it seals.</summary>
public sealed record SealCheck(Guid AllocationId, int Events, string Sealed, string Recomputed, bool Intact);

/// <summary>
/// The sealed record of a category's results: a SHA-256 hash chain over its events in the order
/// they were recorded. digest₀ = SHA-256("campaign-results/{campaign}/{category}"); digestₙ =
/// SHA-256(digestₙ₋₁ + "\n" + type + "\n" + data), hex in lower case, where data is the event's
/// canonical JSON (camelCase, object keys sorted by ordinal, no spaces, non-ASCII as is). Changing,
/// dropping, adding or reordering any event before a seal changes the digest the seal names.
/// <c>scripts/verify-results.sh</c> checks an exported record with nothing but jq and sha256sum.
/// </summary>
public static class ResultsRecord
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Seed(string campaignId, string categoryId) => Sha256($"campaign-results/{campaignId}/{categoryId}");

    public static IReadOnlyList<RecordLine> Lines(string campaignId, string categoryId, IEnumerable<object> events)
    {
        var lines = new List<RecordLine>();
        var digest = Seed(campaignId, categoryId);
        foreach (var e in events)
        {
            var (type, data) = (e.GetType().Name, Canonical(e));
            digest = Sha256($"{digest}\n{type}\n{data}");
            lines.Add(new RecordLine(lines.Count + 1, type, data, digest));
        }
        return lines;
    }

    /// <summary>The seal of an allocation that has just been made: <paramref name="events"/> ends with it.</summary>
    public static ResultsSealed Seal(string campaignId, string categoryId, IReadOnlyList<object> events, Guid allocationId, DateTimeOffset now) =>
        new(allocationId, events.Count, Lines(campaignId, categoryId, events)[^1].Digest, now);

    /// <summary>Every seal in the record against the chain recomputed from the events before it.</summary>
    public static IReadOnlyList<SealCheck> Check(string campaignId, string categoryId, IReadOnlyList<object> events)
    {
        var lines = Lines(campaignId, categoryId, events);
        return [.. events.OfType<ResultsSealed>().Select(s =>
        {
            var recomputed = s.Events >= 1 && s.Events <= lines.Count ? lines[s.Events - 1].Digest : "";
            return new SealCheck(s.AllocationId, s.Events, s.Digest, recomputed, recomputed == s.Digest);
        })];
    }

    /// <summary>The event's JSON with every object's keys in ordinal order, so the same event gives the same bytes however it was read.</summary>
    public static string Canonical(object value) => Sorted(JsonSerializer.SerializeToNode(value, value.GetType(), Json))?.ToJsonString(Json) ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        _ => node?.DeepClone(),
    };

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
