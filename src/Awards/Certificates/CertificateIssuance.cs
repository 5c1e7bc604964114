using System.Security.Cryptography;
using System.Text;
using Campaign.Awards.Allocation;
using Campaign.Campaigns;
using Campaign.Contracts.Awards;

namespace Campaign.Awards.Certificates;

/// <summary>
/// A3: which certificates a category issues — pure decisions over its results. A certificate names
/// the winner (the authors, or the organization for a collective award), the work, the award, the
/// organizers and the date. C1: after a re-allocation a certificate whose words change (another
/// award, or none) is superseded, by a new certificate when the work still wins; one whose words
/// stay the same stays valid, so a certificate already handed out is not withdrawn for nothing.
/// </summary>
public static class CertificateIssuance
{
    /// <summary>The system, when it re-issues certificates after a re-allocation.</summary>
    public const string Reissuer = "awards";

    /// <summary>An organizer asks for the certificates of the allocation in force: those not issued yet are issued.</summary>
    public static IReadOnlyList<object> Request(CampaignDefinition campaign, CategoryResults results, string verificationBase, string requestedBy, DateTimeOffset now)
    {
        if (campaign.Certificate is null)
            throw new RuleViolationException("A3", "本活动未配置获奖证书（证书标题与主办单位）", "This campaign has no certificate configuration (title and organizers)", 409);
        if (results.Allocated is not { } allocated)
            throw new RuleViolationException("A3", "该类别尚未评定奖项，没有可颁发的证书", "Awards of this category are not allocated yet: there is no certificate to issue", 409);
        var missing = Missing(campaign, results, allocated, verificationBase, requestedBy, now);
        if (missing.Count == 0 && results.Certificates.Requested is { } last && last.AllocationId == allocated.AllocationId && last.VerificationBase == verificationBase)
            return [];
        return [new CertificatesRequested(allocated.AllocationId, verificationBase, requestedBy, now), .. missing];
    }

    /// <summary>
    /// C1: what a new allocation (the one in force in <paramref name="results"/>) does to the
    /// certificates of a category whose certificates were asked for; nothing in a category where they were not.
    /// </summary>
    public static IReadOnlyList<object> Reissue(CampaignDefinition campaign, CategoryResults results, DateTimeOffset now)
    {
        if (results.Certificates.Requested is not { } request || campaign.Certificate is null || results.Allocated is not { } allocated) return [];
        var events = new List<object>();
        foreach (var old in results.Certificates.Valid)
        {
            var result = allocated.Results.FirstOrDefault(r => r.EntryId == old.EntryId);
            if (result?.TierId is null)
            {
                events.Add(new CertificateSuperseded(old.Code, old.EntryId, allocated.AllocationId, null, now));
                continue;
            }
            if (Compose(campaign, results, allocated, result, request.VerificationBase, Reissuer, now) is not { } fresh || SaysTheSame(old, fresh)) continue;
            events.Add(fresh with { Supersedes = old.Code });
            events.Add(new CertificateSuperseded(old.Code, old.EntryId, allocated.AllocationId, fresh.Code, now));
        }
        // Winners who held no certificate (moved up into the awards) get their first.
        events.AddRange(Missing(campaign, results, allocated, request.VerificationBase, Reissuer, now));
        return events;
    }

    /// <summary>The winners of <paramref name="allocated"/> without a valid certificate, in rank order; a work not yet listed (its
    /// <c>EntrySubmitted</c> not heard of) waits, since the certificate could not name it.</summary>
    private static List<CertificateIssued> Missing(CampaignDefinition campaign, CategoryResults results, AwardsAllocated allocated,
        string verificationBase, string issuedBy, DateTimeOffset now)
    {
        var certified = results.Certificates.Valid.Select(c => c.EntryId).ToHashSet();
        return [.. allocated.Results.Where(r => r.TierId is not null && !certified.Contains(r.EntryId))
            .Select(r => Compose(campaign, results, allocated, r, verificationBase, issuedBy, now)).OfType<CertificateIssued>()];
    }

    /// <summary>The winners that are waiting for their work's details before a certificate can name them.</summary>
    public static IReadOnlyList<Guid> Waiting(CategoryResults results) =>
        results.Allocated is { } allocated
            ? [.. allocated.Results.Where(r => r.TierId is not null && !results.Listed.ContainsKey(r.EntryId)).Select(r => r.EntryId)]
            : [];

    /// <summary>A3: the certificate of one winner, or null while its work is not listed.</summary>
    public static CertificateIssued? Compose(CampaignDefinition campaign, CategoryResults results, AwardsAllocated allocated, AwardResult result,
        string verificationBase, string issuedBy, DateTimeOffset now)
    {
        if (result.TierId is null || campaign.Certificate is not { } settings || !results.Listed.TryGetValue(result.EntryId, out var work)) return null;
        var organization = campaign.FindOrganization(work.OrganizationId)?.Name ?? work.OrganizationId;
        var kind = result.TierKind ?? AwardKinds.Individual;
        // A1: a collective award names the organization; an individual one the author or group, or the submitting organization when no person is named.
        var recipient = kind == AwardKinds.Collective || work.Authors.Count == 0 ? organization : string.Join("、", work.Authors);
        var code = Code(allocated.CampaignId, allocated.CategoryId, result.EntryId, allocated.AllocationId);
        var category = campaign.FindCategory(allocated.CategoryId);
        return new CertificateIssued(code, allocated.CampaignId, allocated.CategoryId, result.EntryId, allocated.AllocationId,
            settings.Title, recipient, kind, work.Title, campaign.Name, category?.Name ?? allocated.CategoryId, result.TierId, result.TierName ?? result.TierId,
            settings.Organizers, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, campaign.Zone).DateTime),
            VerificationUrl(verificationBase, code), null, issuedBy, now);
    }

    private static bool SaysTheSame(CertificateIssued a, CertificateIssued b) =>
        (a.TierId, a.Award, a.AwardKind, a.Recipient, a.Work) == (b.TierId, b.Award, b.AwardKind, b.Recipient, b.Work);

    /// <summary>The public page that confirms a certificate: what its QR code opens.</summary>
    public static string VerificationUrl(string verificationBase, string code) => $"{verificationBase.TrimEnd('/')}/ui/verify/{code}";

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford's base 32: no I, L, O, U

    /// <summary>
    /// The verification code: 60 bits of SHA-256 over the campaign, category, entry and allocation, in
    /// Crockford's base 32 as XXXX-XXXX-XXXX. Deterministic from the event log (the allocation id is
    /// recorded), yet not guessable from what is public, since allocation ids are random.
    /// </summary>
    public static string Code(string campaignId, string categoryId, Guid entryId, Guid allocationId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"certificate/{campaignId}/{categoryId}/{entryId:D}/{allocationId:D}"));
        var bits = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(hash) >> 4;
        var chars = new char[12];
        for (var i = 11; i >= 0; i--, bits >>= 5) chars[i] = Alphabet[(int)(bits & 31)];
        return $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}-{new string(chars, 8, 4)}";
    }

    /// <summary>A code as a person may type it: any case, with or without dashes or spaces, O for 0 and I or L for 1.</summary>
    public static string? Normalize(string typed)
    {
        var chars = typed.ToUpperInvariant().Where(char.IsLetterOrDigit).Select(c => c switch { 'O' => '0', 'I' or 'L' => '1', _ => c }).ToArray();
        return chars.Length == 12 && chars.All(Alphabet.Contains) ? $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}-{new string(chars, 8, 4)}" : null;
    }
}
