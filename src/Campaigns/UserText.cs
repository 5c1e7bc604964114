using System.Globalization;
using System.Text;

namespace Campaign.Campaigns;

/// <summary>
/// Text that people type — titles, names, captions, reasons, comments, story text — as the
/// platform keeps it: NFC-normalized, trimmed, bounded in length, invisible characters removed
/// (zero-width and other characters that draw nothing; they only make two equal names differ), and bidirectional controls and other
/// control characters refused: a right-to-left override makes a page show a title reversed, so
/// it never has a place in the platform's text (docs/operations.md, "Text people type").
/// </summary>
public static class UserText
{
    /// <summary>Length bounds, in characters (after normalization).</summary>
    public const int Name = 64, Title = 100, Caption = 200, FileName = 255, Reason = 2000, Url = 2000, Paragraphs = 20_000;

    /// <summary>The cleaned text, or null when there is none (required fields are the decision's to refuse).</summary>
    public static string? Clean(string field, string? value, int maxLength, bool multiline = false)
    {
        if (value is null) return null;
        // Invisible characters go first, so that what is normalized is what stays: "e", U+200B, U+0301
        // becomes "é", not an "e" and a stray accent.
        var visible = new StringBuilder(value.Length);
        foreach (var rune in value.EnumerateRunes())
        {
            if (IsInvisible(rune.Value)) continue;
            if (IsBidiControl(rune.Value))
                throw new InvalidInputException(field, $"{field}含有双向文字控制字符（U+{rune.Value:X4}），请删除后重试。",
                    $"{field} contains a bidirectional control character (U+{rune.Value:X4}); remove it and try again.");
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Control && !(multiline && rune.Value is '\n' or '\r' or '\t'))
                throw new InvalidInputException(field, $"{field}含有控制字符（U+{rune.Value:X4}）。", $"{field} contains a control character (U+{rune.Value:X4}).");
            visible.Append(rune);
        }
        var cleaned = visible.ToString().Normalize(NormalizationForm.FormC).Trim();
        if (cleaned.Length > maxLength)
            throw new InvalidInputException(field, $"{field}最多{maxLength}个字符，现为{cleaned.Length}个。",
                $"{field} takes at most {maxLength} characters; this one has {cleaned.Length}.");
        return cleaned.Length == 0 ? null : cleaned;
    }

    /// <summary>
    /// Characters that draw nothing and only make two equal names differ: zero-width space, joiners and
    /// word joiner, the byte-order mark, the soft hyphen, the Mongolian vowel separator, the invisible
    /// mathematical operators and the tag characters (which can spell hidden text).
    /// </summary>
    private static bool IsInvisible(int c) =>
        c is 0x200B or 0x200C or 0x200D or 0x2060 or 0xFEFF or 0x00AD or 0x180E or (>= 0x2061 and <= 0x2064) or (>= 0xE0000 and <= 0xE007F);

    private static bool IsBidiControl(int c) => c is 0x200E or 0x200F or 0x061C or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);
}
