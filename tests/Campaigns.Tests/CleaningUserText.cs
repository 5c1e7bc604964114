using Campaign.Campaigns;

namespace Campaign.Campaigns.Tests;

public sealed class CleaningUserText
{
    [Fact]
    public void Text_is_NFC_normalized_and_trimmed() =>
        Assert.Equal("Café", UserText.Clean("name", "  Cafe\u0301 ", UserText.Name));

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u200C")]
    [InlineData("\u200D")]
    [InlineData("\u2060")]
    [InlineData("\uFEFF")]
    [InlineData("\u00AD")]
    [InlineData("\u180E")]
    [InlineData("\u2061")]
    [InlineData("\u2064")]
    [InlineData("\U000E0041")]
    public void Invisible_characters_are_removed(string invisible) =>
        Assert.Equal("张三", UserText.Clean("name", $"张{invisible}三", UserText.Name));

    [Fact]
    public void Invisible_characters_go_before_normalizing_so_an_accent_they_separated_joins_its_letter() =>
        Assert.Equal("Caf\u00E9", UserText.Clean("name", "Cafe\u200B\u0301", UserText.Name));

    [Theory]
    [InlineData("\u202E")]
    [InlineData("\u202A")]
    [InlineData("\u2066")]
    [InlineData("\u2069")]
    [InlineData("\u200F")]
    [InlineData("\u061C")]
    public void Bidirectional_controls_are_refused_naming_the_field(string control)
    {
        var refused = Assert.Throws<InvalidInputException>(() => UserText.Clean("title", $"奋斗{control}者", UserText.Title));
        Assert.Equal("title", refused.Field);
        Assert.Contains($"U+{(int)control[0]:X4}", refused.Message);
    }

    [Fact]
    public void Line_breaks_are_kept_only_where_text_has_paragraphs()
    {
        Assert.Equal("第一段\n第二段", UserText.Clean("storyText", "第一段\n第二段", UserText.Paragraphs, multiline: true));
        Assert.Throws<InvalidInputException>(() => UserText.Clean("title", "第一行\n第二行", UserText.Title));
        Assert.Throws<InvalidInputException>(() => UserText.Clean("title", "a\u0000b", UserText.Title));
    }

    [Fact]
    public void Length_is_bounded_after_normalization()
    {
        Assert.Equal(100, UserText.Clean("title", new string('字', 100), UserText.Title)!.Length);
        Assert.Throws<InvalidInputException>(() => UserText.Clean("title", new string('字', 101), UserText.Title));
    }

    [Fact]
    public void Nothing_but_blanks_is_no_text()
    {
        Assert.Null(UserText.Clean("title", null, UserText.Title));
        Assert.Null(UserText.Clean("title", " \u200B\t", UserText.Title, multiline: true));
    }
}
