namespace Campaign.Campaigns;

/// <summary>
/// A decision refused a command because of a numbered rule of RULES.md. Services turn it into an
/// RFC 7807 problem whose <c>ruleId</c> names the rule, in Simplified Chinese unless the caller
/// asks for English (<c>Accept-Language: en</c>).
/// </summary>
public class RuleViolationException(string ruleId, string message, int status = 422) : Exception(message)
{
    public RuleViolationException(string ruleId, string chinese, string english, int status = 422) : this(ruleId, english, status) =>
        Chinese = chinese;

    public string RuleId { get; } = ruleId;
    public int Status { get; } = status;
    /// <summary>The Simplified Chinese message, where one was written; <see cref="Exception.Message"/> is English.</summary>
    public string? Chinese { get; }
}
