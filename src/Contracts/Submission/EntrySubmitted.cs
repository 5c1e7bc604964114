namespace Campaign.Contracts.Submission;

/// <summary>
/// An entry was accepted into a campaign. Media travel by reference, never on the bus.
/// <see cref="Authors"/>: the names of the work's people as the submission gave them (a group's
/// members in order), which certificates print (A3).
/// </summary>
public sealed record EntrySubmitted(
    Guid EntryId,
    string CampaignId,
    string CategoryId,
    string Title,
    string OrganizationId,
    string Port,
    string SubmittedBy,
    string? StoryText,
    IReadOnlyList<MediaReference> Media,
    DateTimeOffset SubmittedAt,
    IReadOnlyList<string>? Authors = null);

/// <summary>
/// A blob in the content-addressed media store (sha256 of the bytes). <see cref="Role"/> is
/// "work" for a video or recitation, "work-photo" or "award-photo" for a story (S2), whose
/// <see cref="Caption"/> carries the worker's name.
/// </summary>
public sealed record MediaReference(string Role, string Sha256, long Length, string FileName, string? Caption = null);

/// <summary>The roles a <see cref="MediaReference"/> plays in its entry.</summary>
public static class MediaRoles
{
    public const string Work = "work";
    public const string WorkPhoto = "work-photo";
    public const string AwardPhoto = "award-photo";
}
