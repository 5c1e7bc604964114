namespace Campaign.Awards.Certificates;

/// <summary>
/// A3: an organizer asked for the certificates of the allocation in force. From then on the category
/// issues certificates again by itself after every re-allocation (C1). <see cref="VerificationBase"/>
/// is the public address the QR codes point under: configuration (<c>Awards:PublicBaseUrl</c>) or else
/// the address the organizer's request came to.
/// </summary>
public sealed record CertificatesRequested(Guid AllocationId, string VerificationBase, string RequestedBy, DateTimeOffset RequestedAt);

/// <summary>
/// C1: a certificate no longer holds after allocation <see cref="AllocationId"/>: its work won another
/// award, named by the certificate <see cref="ReplacedBy"/>, or (null) no award at all.
/// </summary>
public sealed record CertificateSuperseded(string Code, Guid EntryId, Guid AllocationId, string? ReplacedBy, DateTimeOffset SupersededAt);
