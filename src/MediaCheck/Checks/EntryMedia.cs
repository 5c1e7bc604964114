using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;

namespace Campaign.MediaCheck.Checks;

/// <summary>
/// An entry as the media check knows it, folded from its stream: the submission, the newest files
/// (a replacement wins by <see cref="EntryMediaChanged.ChangedAt"/>, whatever order the facts came
/// in) and whether those files were checked. A replacement heard before the submission is kept and
/// checked once the submission arrives.
/// </summary>
public sealed record EntryMedia(
    EntrySubmitted? Submitted = null,
    IReadOnlyList<MediaReference>? Media = null,
    DateTimeOffset? MediaChangedAt = null,
    bool Checked = false)
{
    public static EntryMedia Fold(IEnumerable<object> facts) => facts.Aggregate(new EntryMedia(), (entry, fact) => entry.Then(fact));

    public EntryMedia Then(object fact) => fact switch
    {
        EntrySubmitted e => Apply(e),
        EntryMediaChanged e => Apply(e),
        MediaChecked e => Apply(e),
        _ => this,
    };

    public EntryMedia Apply(EntrySubmitted e) => Submitted is not null ? this : this with { Submitted = e, Media = Media ?? e.Media };

    public EntryMedia Apply(EntryMediaChanged e) =>
        IsNewer(e) ? this with { Media = e.Media, MediaChangedAt = e.ChangedAt, Checked = false } : this;

    /// <summary>A verdict without <see cref="MediaChecked.Media"/> comes from before verdicts named their files: it judged what the entry had then.</summary>
    public EntryMedia Apply(MediaChecked e) =>
        e.Media is null || Media is not null && e.Media.SequenceEqual(Media.Select(m => m.Sha256)) ? this with { Checked = true } : this;

    /// <summary>The entry to check now: as submitted (its story text included) with its newest files; null when those were checked or it is not submitted yet.</summary>
    public EntrySubmitted? Due => Submitted is not null && Media is not null && !Checked ? Submitted with { Media = Media } : null;

    // Two replacements stamped with the same instant: the order of their addresses decides, so every order of arrival agrees.
    private bool IsNewer(EntryMediaChanged e) =>
        MediaChangedAt is not { } at || e.ChangedAt > at
        || e.ChangedAt == at && string.CompareOrdinal(Key(e.Media), Key(Media!)) > 0;

    private static string Key(IReadOnlyList<MediaReference> media) => string.Join(",", media.Select(m => $"{m.Role}:{m.Sha256}:{m.Caption}"));
}
