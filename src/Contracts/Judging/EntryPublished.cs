namespace Campaign.Contracts.Judging;

/// <summary>P1: where an approved work was published.</summary>
public sealed record EntryPublished(
    Guid EntryId, string CampaignId, string CategoryId, string PlatformId, string Url, string RecordedBy, DateTimeOffset PublishedAt);
