using Campaign.Contracts.Awards;
using Marten.Events.Projections;

namespace Campaign.Awards.Certificates;

/// <summary>A3: a certificate by its verification code, for the public verification page, and whether it still holds (C1).</summary>
public sealed record CertificateRecord
{
    public required string Id { get; init; }
    public required CertificateIssued Certificate { get; init; }
    public CertificateSuperseded? Superseded { get; init; }
}

/// <summary>
/// Inline, so a certificate can be verified the moment its issuance commits; rebuilt from the
/// categories' streams like any projection, since those events are the record.
/// </summary>
public sealed class CertificateRecordProjection : MultiStreamProjection<CertificateRecord, string>
{
    public CertificateRecordProjection()
    {
        Identity<CertificateIssued>(e => e.Code);
        Identity<CertificateSuperseded>(e => e.Code);
    }

    public CertificateRecord Create(CertificateIssued e) => new() { Id = e.Code, Certificate = e };

    public CertificateRecord Apply(CertificateSuperseded e, CertificateRecord current) => current with { Superseded = e };
}

/// <summary>
/// What the public verification shows: exactly what the certificate prints, and whether it holds —
/// "valid", "superseded" (by <see cref="ReplacedBy"/>) or "no-longer-awarded".
/// </summary>
public sealed record CertificateVerification(
    string Code, string Status, string Title, string Recipient, string Work, string Campaign, string Category, string Award,
    IReadOnlyList<string> Organizers, DateOnly IssuedOn, string? ReplacedBy)
{
    public const string Valid = "valid";
    public const string Superseded = "superseded";
    public const string NoLongerAwarded = "no-longer-awarded";

    public static CertificateVerification Of(CertificateRecord r)
    {
        var c = r.Certificate;
        var status = r.Superseded is null ? Valid : r.Superseded.ReplacedBy is null ? NoLongerAwarded : Superseded;
        return new(c.Code, status, c.Title, c.Recipient, c.Work, c.CampaignName, c.CategoryName, c.Award, c.Organizers, c.IssuedOn, r.Superseded?.ReplacedBy);
    }
}
