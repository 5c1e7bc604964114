using System.Globalization;
using Campaign.Campaigns;

namespace Campaign.WebUi;

/// <summary>The UI's two languages, side by side where the text is written: Simplified Chinese by
/// default, English when the request's culture is English.</summary>
public static class L
{
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string T(string chinese, string english) => English ? english : chinese;

    public static string T(UiText text) => T(text.Chinese, text.English);

    /// <summary>A refusal as a person reads it: a rule's id before its message, in the page's language.</summary>
    public static string Refusal(Refusal e) => e is RuleViolationException rule ? $"{rule.RuleId}: {e.In(English)}" : e.In(English);
}
