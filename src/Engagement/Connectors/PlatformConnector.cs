using System.Net;
using System.Text.Json;

namespace Campaign.Engagement.Connectors;

/// <summary>A publication on the connector's platform: its entry, its address and the platform's own id of it.</summary>
public sealed record Publication(Guid EntryId, string Url, string ItemId);

/// <summary>One entry's cumulative figures at the end of <see cref="Day"/> (in the campaign's time zone), named as the formula names them.</summary>
public sealed record DayFigures(Guid EntryId, DateOnly Day, IReadOnlyDictionary<string, long> Figures);

/// <summary>
/// What one poll brought so far: the figures, and the calls that failed on their own (the poll went on
/// without them). Filled as the calls return, so a poll stopped halfway still records what it got.
/// </summary>
public sealed class Pulled
{
    public List<DayFigures> Figures { get; } = [];
    public List<PlatformError> Failures { get; } = [];
}

/// <summary>One platform's data API, for the publications of the account it is configured with.</summary>
public interface IPlatformConnector
{
    /// <summary>The platform's id of the publication at <paramref name="url"/>, or null when the address names none.</summary>
    string? ItemIdOf(string url);

    /// <summary>The token the account's configuration carries, used before any renewed one (null: always obtain one).</summary>
    string? ConfiguredToken { get; }

    /// <summary>A new access token, from the account's credentials.</summary>
    Task<string> RenewAsync(CancellationToken ct);

    /// <summary>The figures of <paramref name="publications"/> for the days up to <paramref name="day"/> that the platform reports, each call through <paramref name="calls"/>.</summary>
    Task PullAsync(PlatformCalls calls, IReadOnlyList<Publication> publications, DateOnly day, Pulled pulled, CancellationToken ct);
}

/// <summary>What both platforms' answers have in common: JSON, with an error code in the body (HTTP 200) when something is wrong.</summary>
public static class PlatformHttp
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The answer's JSON. "Too many requests" is waited out like a rate-limit code; a server error
    /// (after the standard resilience handler's own retries) stops the poll; any other failure is
    /// this call's alone.
    /// </summary>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.TooManyRequests) throw new PlatformError(PlatformReaction.SlowDown, "HTTP 429", "too many requests");
        if (status >= 500)
            throw new ConnectorFailure(ConnectorStates.Failing, $"平台服务不可用（HTTP {status}），稍后重试。", $"The platform is unavailable (HTTP {status}); trying again later.");
        if (!response.IsSuccessStatusCode) throw new PlatformError(PlatformReaction.Failed, $"HTTP {status}", response.ReasonPhrase ?? "");
        try
        {
            return await response.Content.ReadFromJsonAsync<JsonElement>(Json, ct);
        }
        catch (JsonException e)
        {
            throw new PlatformError(PlatformReaction.Failed, "JSON", e.Message);
        }
    }

    /// <summary>A numeric field that a platform sometimes writes as a string ("0"), or null when absent.</summary>
    public static long? Number(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Number => value.GetInt64(),
                JsonValueKind.String when long.TryParse(value.GetString(), out var n) => n,
                _ => null,
            }
            : null;

    public static string Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
