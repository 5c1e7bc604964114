namespace Campaign.Contracts.Judging;

/// <summary>J2: every judge of the entry's panel has scored it.</summary>
public sealed record EntryJudged(
    Guid EntryId,
    string CampaignId,
    string CategoryId,
    string OrganizationId,
    IReadOnlyList<JudgeScore> Scores,
    decimal JudgesScore,
    string Aggregate,
    DateTimeOffset JudgedAt);

public sealed record JudgeScore(string JudgeId, decimal Score);
