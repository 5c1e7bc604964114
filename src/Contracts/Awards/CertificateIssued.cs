namespace Campaign.Contracts.Awards;

/// <summary>
/// A3: an award certificate, with everything it prints, so it can be printed again and verified from
/// this event alone. <see cref="Code"/> is its verification code and <see cref="VerificationUrl"/> the
/// public page its QR code opens. <see cref="Recipient"/> names the work's author or group for an
/// individual award (<see cref="AwardKind"/> "individual") and its organization for a collective one.
/// A re-issue after a re-allocation (C1) names the certificate it replaces in <see cref="Supersedes"/>.
/// </summary>
public sealed record CertificateIssued(
    string Code,
    string CampaignId,
    string CategoryId,
    Guid EntryId,
    Guid AllocationId,
    string Title,
    string Recipient,
    string AwardKind,
    string Work,
    string CampaignName,
    string CategoryName,
    string TierId,
    string Award,
    IReadOnlyList<string> Organizers,
    DateOnly IssuedOn,
    string VerificationUrl,
    string? Supersedes,
    string IssuedBy,
    DateTimeOffset IssuedAt);
