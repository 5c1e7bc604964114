using System.Globalization;
using System.Text;

namespace Campaign.Campaigns;

/// <summary>
/// Text that people type — titles, names, captions, reasons, comments, story text — as the
/// platform keeps it: NFC-normalized, trimmed, bounded in length, zero-width characters removed
/// (invisible, they only make two equal names differ), and bidirectional controls and other
/// control characters refused: a right-to-left override makes a page show a title reversed, so
/// it never has a place in the platform's text (docs/operations.md, "Text people type").
/// </summary>
public static class UserText
{
    /// <summary>Length bounds, in characters (after normalization).</summary>
    public const int Name = 64, Title = 100, Caption = 200, Reason = 2000, Url = 2000, Paragraphs = 20_000;

    /// <summary>The cleaned text, or null when there is none (required fields are the decision's to refuse).</summary>
    public static string? Clean(string field, string? value, int maxLength, bool multiline = false)
    {
        if (value is null) return null;
        var text = value.Normalize(NormalizationForm.FormC);
        var kept = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (IsZeroWidth(c)) continue;
            if (IsBidiControl(c))
                throw new InvalidInputException(field, $"{field}含有双向文字控制字符（U+{(int)c:X4}），请删除后重试。",
                    $"{field} contains a bidirectional control character (U+{(int)c:X4}); remove it and try again.");
            if (char.GetUnicodeCategory(c) == UnicodeCategory.Control && !(multiline && c is '\n' or '\r' or '\t'))
                throw new InvalidInputException(field, $"{field}含有控制字符（U+{(int)c:X4}）。", $"{field} contains a control character (U+{(int)c:X4}).");
            kept.Append(c);
        }
        var cleaned = kept.ToString().Trim();
        if (cleaned.Length > maxLength)
            throw new InvalidInputException(field, $"{field}最多{maxLength}个字符，现为{cleaned.Length}个。",
                $"{field} takes at most {maxLength} characters; this one has {cleaned.Length}.");
        return cleaned.Length == 0 ? null : cleaned;
    }

    private static bool IsZeroWidth(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF';

    private static bool IsBidiControl(char c) => c is '\u200E' or '\u200F' or '\u061C' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
