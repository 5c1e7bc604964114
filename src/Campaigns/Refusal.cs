namespace Campaign.Campaigns;

/// <summary>
/// The platform's one way to refuse a request: the message in Simplified Chinese and English,
/// written together where the refusal is raised, and the HTTP status it answers with. The services
/// turn it into an RFC 7807 problem in the caller's language (Simplified Chinese unless the caller
/// asks for English); nothing is translated on the way out. <see cref="RuleViolationException"/>
/// (a numbered rule), <see cref="InvalidInputException"/> (a malformed field) and the services' own
/// "not found" and protocol refusals are kinds of it.
/// </summary>
public class Refusal(int status, string chinese, string english, string? chineseDetail = null, string? englishDetail = null) : Exception(english)
{
    public int Status { get; } = status;
    public string Chinese { get; } = chinese;
    /// <summary>More about the refusal (what was expected), in both languages, or null.</summary>
    public string? ChineseDetail { get; } = chineseDetail;
    public string? EnglishDetail { get; } = englishDetail;

    /// <summary>The message in the given language.</summary>
    public string In(bool english) => english ? Message : Chinese;

    /// <summary>What the caller asked for does not exist, or is not theirs to see (404).</summary>
    public static Refusal NotFound(string chinese, string english) => new(404, chinese, english);
}
