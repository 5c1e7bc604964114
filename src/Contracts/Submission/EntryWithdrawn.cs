namespace Campaign.Contracts.Submission;

public sealed record EntryWithdrawn(
    Guid EntryId, string CampaignId, string CategoryId, string WithdrawnBy, DateTimeOffset WithdrawnAt);
