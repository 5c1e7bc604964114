namespace Campaign.Contracts.Submission;

/// <summary>S3: a city's roster of model workers, approved by both the city union and the city CAC office, reaches the province.</summary>
public sealed record RosterApproved(
    string CampaignId, string OrganizationId, IReadOnlyList<RosterRow> Rows, string ContactPerson, string ContactPhone, DateTimeOffset ApprovedAt);

/// <summary>One line of attachment 2: 序号, 劳模姓名, 单位和职务, 主要荣誉.</summary>
public sealed record RosterRow(int Number, string Name, string UnitAndTitle, string Honours);
