namespace Campaign.Contracts.Submission;

/// <summary>The submitter replaced an entry's files before the deadline: the media are checked again.</summary>
public sealed record EntryMediaChanged(
    Guid EntryId, string CampaignId, string CategoryId, IReadOnlyList<MediaReference> Media, string ChangedBy, DateTimeOffset ChangedAt);
