using System.Collections.Concurrent;
using Campaign.Campaigns;

namespace Campaign.Engagement.Connectors;

/// <summary>What a connector does about a platform's error answer.</summary>
public enum PlatformReaction
{
    /// <summary>The access token expired or is no longer valid: get a new one, then call again once.</summary>
    Renew,
    /// <summary>Too many calls, or the platform is busy: wait, longer each time, then call again.</summary>
    SlowDown,
    /// <summary>A quota for the day (or longer) is spent: stop this poll; the next one is later.</summary>
    QuotaSpent,
    /// <summary>The account's credentials were refused and cannot be renewed: a person must authorize again.</summary>
    CredentialsRefused,
    /// <summary>Anything else: this call failed (one publication's figures, say); the poll goes on without it.</summary>
    Failed,
}

/// <summary>A platform's error answer, with its own code and message, and what the connector does about it.</summary>
public sealed class PlatformError(PlatformReaction reaction, string code, string message)
    : Refusal(502, $"平台返回错误 {code}：{message}", $"The platform answered error {code}: {message}")
{
    public PlatformReaction Reaction { get; } = reaction;
}

/// <summary>
/// Why a whole poll stopped, as operators read it on <c>GET /engagement/connectors</c>: its
/// <see cref="State"/> (docs/connectors.md explains each) and the message in both languages.
/// </summary>
public sealed class ConnectorFailure(string state, string chinese, string english) : Refusal(503, chinese, english)
{
    public string State { get; } = state;
}

/// <summary>The states a connector is in after a poll.</summary>
public static class ConnectorStates
{
    public const string NeverRun = "never-run";
    public const string Ok = "ok";
    public const string RateLimited = "rate-limited";
    public const string NeedsCredentials = "needs-credentials";
    public const string Failing = "failing";
}

/// <summary>The access token each platform's connector uses now, renewed ones included, for this service instance.</summary>
public sealed class ConnectorTokens
{
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);

    public string? Of(string platformId) => _tokens.GetValueOrDefault(platformId);
    public void Keep(string platformId, string token) => _tokens[platformId] = token;
    public void Forget(string platformId) => _tokens.TryRemove(platformId, out _);
}

/// <summary>
/// The calls of one poll, one after another with a pause between them: an expired token is renewed
/// (Douyin's refresh_token, WeChat's appid and secret) and the call retried once; "too fast" is waited
/// out with a growing back-off a bounded number of times; then the poll stops with a
/// <see cref="ConnectorFailure"/> and is tried again later — a platform is never hammered.
/// </summary>
public sealed class PlatformCalls(ConfiguredConnector connector, ConnectorTokens tokens, TimeProvider clock,
    string? configuredToken, Func<CancellationToken, Task<string>> renew)
{
    private int _calls;
    private string? _configuredToken = tokens.Of(connector.PlatformId) is null ? configuredToken : null;

    public async Task<T> CallAsync<T>(Func<string, CancellationToken, Task<T>> call, CancellationToken ct)
    {
        var options = connector.Options;
        var (renewed, slowedDown) = (false, 0);
        while (true)
        {
            if (_calls++ > 0 && options.Pause > TimeSpan.Zero) await Task.Delay(options.Pause, clock, ct);
            try
            {
                var token = tokens.Of(connector.PlatformId) ?? await RenewAsync(ct);
                return await call(token, ct);
            }
            catch (PlatformError e) when (e.Reaction == PlatformReaction.Renew && !renewed)
            {
                renewed = true;
                tokens.Forget(connector.PlatformId);
            }
            catch (PlatformError e) when (e.Reaction == PlatformReaction.Renew)
            {
                throw Refused(e);
            }
            catch (PlatformError e) when (e.Reaction == PlatformReaction.SlowDown && slowedDown < options.RateLimitRetries)
            {
                await Task.Delay(options.RateLimitBackoff * Math.Pow(2, slowedDown++), clock, ct);
            }
            catch (PlatformError e) when (e.Reaction is PlatformReaction.SlowDown or PlatformReaction.QuotaSpent)
            {
                throw new ConnectorFailure(ConnectorStates.RateLimited,
                    $"平台限制调用频率或额度（{e.Chinese}），本次拉取已停止，稍后重试。",
                    $"The platform limits calls ({e.Message}); this poll stopped and is tried again later.");
            }
            catch (PlatformError e) when (e.Reaction == PlatformReaction.CredentialsRefused)
            {
                throw Refused(e);
            }
        }
    }

    /// <summary>The configured token first (Douyin's authorization gives one); a renewed one after it.</summary>
    private async Task<string> RenewAsync(CancellationToken ct)
    {
        string token;
        try
        {
            token = _configuredToken ?? await renew(ct);
        }
        catch (PlatformError e) when (e.Reaction == PlatformReaction.Failed)
        {
            throw new ConnectorFailure(ConnectorStates.Failing, $"无法取得访问令牌（{e.Chinese}）。", $"No access token could be had ({e.Message}).");
        }
        _configuredToken = null;
        tokens.Keep(connector.PlatformId, token);
        return token;
    }

    private ConnectorFailure Refused(PlatformError e)
    {
        tokens.Forget(connector.PlatformId);
        return new ConnectorFailure(ConnectorStates.NeedsCredentials,
            $"“{connector.PlatformId}”的账号凭证已失效且无法刷新（{e.Chinese}），须重新授权并更新配置。",
            $"The credentials of '{connector.PlatformId}' expired and cannot be renewed ({e.Message}); authorize again and update the configuration.");
    }
}
