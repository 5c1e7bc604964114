using System.Globalization;
using System.Text;

namespace Campaign.MediaCheck.Stories;

/// <summary>
/// S1: counts 字数 as Chinese word processors do. Each CJK character and each full-width
/// punctuation mark or symbol is one; each run of Latin letters or digits (with the half-width
/// marks inside it, as in "3.14" or "e-mail") is one; whitespace and stand-alone half-width
/// punctuation are nothing.
/// </summary>
public static class StoryLength
{
    public static int Count(string text)
    {
        var count = 0;
        var inRun = false;
        var runHasWord = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || CountsAlone(rune))
            {
                if (inRun && runHasWord) count++;
                inRun = runHasWord = false;
                if (!Rune.IsWhiteSpace(rune)) count++;
                continue;
            }
            inRun = true;
            runHasWord |= Rune.IsLetterOrDigit(rune);
        }
        return count + (inRun && runHasWord ? 1 : 0);
    }

    private static bool CountsAlone(Rune rune)
    {
        var v = rune.Value;
        return v is >= 0x2E80 and <= 0x9FFF      // CJK radicals, symbols & punctuation, kana, unified ideographs
            or >= 0xAC00 and <= 0xD7AF           // Hangul syllables
            or >= 0xF900 and <= 0xFAFF           // CJK compatibility ideographs
            or >= 0xFE30 and <= 0xFE4F           // CJK compatibility forms
            or >= 0xFF00 and <= 0xFFEF           // full-width forms (，！？Ａ１…)
            or >= 0x20000 and <= 0x3FFFF         // CJK extensions B–H
            || (Rune.GetUnicodeCategory(rune) is var c && IsPunctuation(c) && v is >= 0x2000 and <= 0x206F); // “ ” ‘ ’ — …
    }

    private static bool IsPunctuation(UnicodeCategory c) => c is UnicodeCategory.InitialQuotePunctuation
        or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OtherPunctuation;
}
