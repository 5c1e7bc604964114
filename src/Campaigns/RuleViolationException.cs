namespace Campaign.Campaigns;

/// <summary>
/// A decision refused a command because of a numbered rule of RULES.md. Services turn it into an
/// RFC 7807 problem whose <c>ruleId</c> names the rule.
/// </summary>
public class RuleViolationException(string ruleId, string message, int status = 422) : Exception(message)
{
    public string RuleId { get; } = ruleId;
    public int Status { get; } = status;
}
