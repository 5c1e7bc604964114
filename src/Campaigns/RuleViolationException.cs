namespace Campaign.Campaigns;

/// <summary>
/// A decision refused a command because of a numbered rule of RULES.md: a problem whose
/// <c>ruleId</c> names the rule (422 unless the rule says otherwise).
/// </summary>
public sealed class RuleViolationException(string ruleId, string chinese, string english, int status = 422)
    : Refusal(status, chinese, english)
{
    public string RuleId { get; } = ruleId;
}
