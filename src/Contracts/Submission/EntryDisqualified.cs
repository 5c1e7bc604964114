namespace Campaign.Contracts.Submission;

/// <summary>C1: an organizer removed an entry from the campaign at any stage, with a reason.</summary>
public sealed record EntryDisqualified(
    Guid EntryId, string CampaignId, string CategoryId, string Reason, string DisqualifiedBy, DateTimeOffset DisqualifiedAt);
