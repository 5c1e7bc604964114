using Campaign.Contracts.Awards;

namespace Campaign.Awards.Certificates;

/// <summary>A3: the certificates of one category, folded from its stream: every one issued, in order, and those superseded since.</summary>
public sealed record CategoryCertificates(
    IReadOnlyList<CertificatesRequested> Requests,
    IReadOnlyList<CertificateIssued> Issued,
    IReadOnlyDictionary<string, CertificateSuperseded> Superseded)
{
    public static readonly CategoryCertificates None = new([], [], new Dictionary<string, CertificateSuperseded>());

    /// <summary>Certificates were asked for: re-allocations issue them again by themselves.</summary>
    public CertificatesRequested? Requested => Requests.Count > 0 ? Requests[^1] : null;

    /// <summary>The certificates that hold: issued and not superseded; at most one per entry.</summary>
    public IEnumerable<CertificateIssued> Valid => Issued.Where(c => !Superseded.ContainsKey(c.Code));

    public CertificateIssued? Find(string code) => Issued.FirstOrDefault(c => c.Code == code);

    public CategoryCertificates Apply(object @event) => @event switch
    {
        CertificatesRequested e => this with { Requests = [.. Requests, e] },
        CertificateIssued e => this with { Issued = [.. Issued, e] },
        CertificateSuperseded e => this with { Superseded = new Dictionary<string, CertificateSuperseded>(Superseded) { [e.Code] = e } },
        _ => this,
    };
}
