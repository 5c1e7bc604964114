using System.IO.Compression;
using Campaign.Awards.Allocation;
using Campaign.Campaigns;
using Campaign.ServiceDefaults.EventStore;
using Marten;

namespace Campaign.Awards.Certificates;

/// <summary>A3: where bulk generation stands in a category; <see cref="Complete"/> once every winner's certificate is issued and rendered.</summary>
public sealed record CertificatesProgress(
    Guid? AllocationId, bool Requested, int Winners, int Issued, int Rendered, bool Complete,
    IReadOnlyList<Guid> Waiting, IReadOnlyList<CertificateLine> Certificates);

/// <summary>One certificate of the category, valid or not, as organizers follow it.</summary>
public sealed record CertificateLine(
    string Code, Guid EntryId, string Recipient, string Work, string Award, DateOnly IssuedOn, string Status, string? ReplacedBy, bool Rendered);

/// <summary>The certificates' use cases, shared by the API and the organizers' pages so both pass through the same decisions.</summary>
public sealed class CategoryCertificatesService(IDocumentSession session, CampaignCatalog campaigns, CertificateFonts fonts, TimeProvider clock)
{
    /// <summary>Issues the missing certificates of the allocation in force (version-checked against the category's stream).</summary>
    public async Task<CertificatesProgress> StartAsync(string campaignId, string categoryId, string verificationBase, string requestedBy, CancellationToken ct)
    {
        var campaign = Campaign(campaignId, categoryId);
        var streamId = StreamIds.ForCategory(campaignId, categoryId);
        var events = await session.Events.FetchStreamAsync(streamId, token: ct);
        var listed = await CategoryRecord.ListedAsync(session, campaignId, categoryId, ct);
        var decided = CertificateIssuance.Request(campaign, CategoryResults.From([.. listed, .. events.Select(e => e.Data)]), verificationBase, requestedBy, clock.GetUtcNow());
        if (decided.Count > 0)
        {
            session.Events.Append(streamId, events[^1].Version + decided.Count, [.. decided]);
            await session.SaveChangesAsync(ct);
        }
        return await ProgressAsync(campaignId, categoryId, ct);
    }

    public async Task<CertificatesProgress> ProgressAsync(string campaignId, string categoryId, CancellationToken ct)
    {
        Campaign(campaignId, categoryId);
        var results = await Load(campaignId, categoryId, ct);
        var rendered = (await session.Query<RenderedCertificate>().Where(r => r.CampaignId == campaignId && r.CategoryId == categoryId)
            .Select(r => r.Id).ToListAsync(ct)).ToHashSet();
        var certificates = results.Certificates;
        var lines = certificates.Issued.Select(c =>
        {
            var superseded = certificates.Superseded.GetValueOrDefault(c.Code);
            var status = superseded is null ? CertificateVerification.Valid : superseded.ReplacedBy is null ? CertificateVerification.NoLongerAwarded : CertificateVerification.Superseded;
            return new CertificateLine(c.Code, c.EntryId, c.Recipient, c.Work, c.Award, c.IssuedOn, status, superseded?.ReplacedBy, rendered.Contains(c.Code));
        }).OrderBy(l => l.Status != CertificateVerification.Valid).ToList();
        var valid = lines.Where(l => l.Status == CertificateVerification.Valid).ToList();
        var winners = results.Allocated?.Results.Count(r => r.TierId is not null) ?? 0;
        var requested = certificates.Requested is not null;
        return new CertificatesProgress(results.Allocated?.AllocationId, requested, winners, valid.Count, valid.Count(l => l.Rendered),
            requested && valid.Count == winners && valid.All(l => l.Rendered), CertificateIssuance.Waiting(results), lines);
    }

    /// <summary>A certificate's PDF: as rendered by the bulk generation, or rendered now if it has not come to it yet.</summary>
    public async Task<byte[]> PdfAsync(string campaignId, string categoryId, string code, CancellationToken ct)
    {
        if (await session.LoadAsync<RenderedCertificate>(code, ct) is { } stored && stored.CampaignId == campaignId && stored.CategoryId == categoryId)
            return stored.Pdf;
        var record = await session.LoadAsync<CertificateRecord>(code, ct);
        return record is { Certificate: var c } && c.CampaignId == campaignId && c.CategoryId == categoryId
            ? CertificatePdf.Render(c, fonts)
            : throw Refusal.NotFound("没有这张证书", "No such certificate");
    }

    /// <summary>The category's valid certificates, one PDF each, named by recipient and code.</summary>
    public async Task WriteZipAsync(string campaignId, string categoryId, Stream output, CancellationToken ct)
    {
        var progress = await ProgressAsync(campaignId, categoryId, ct);
        if (!progress.Requested) throw new RuleViolationException("A3", "本类别尚未颁发证书", "No certificate of this category has been issued yet", 409);
        // Built in memory (a category's PDFs are a few megabytes): ZipArchive writes its directory synchronously, which a response refuses.
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var line in progress.Certificates.Where(l => l.Status == CertificateVerification.Valid))
            {
                var pdf = await PdfAsync(campaignId, categoryId, line.Code, ct);
                using var stream = zip.CreateEntry(FileName(line), CompressionLevel.NoCompression).Open(); // PDFs are compressed already
                stream.Write(pdf);
            }
        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
    }

    public static string FileName(CertificateLine line) =>
        $"{line.Code}-{new string([.. line.Recipient.Where(c => !Path.GetInvalidFileNameChars().Contains(c) && !char.IsWhiteSpace(c))])}.pdf";

    /// <summary>Public (no sign-in): what a certificate says and whether it holds.</summary>
    public async Task<CertificateVerification?> VerifyAsync(string typedCode, CancellationToken ct) =>
        CertificateIssuance.Normalize(typedCode) is { } code && await session.LoadAsync<CertificateRecord>(code, ct) is { } record
            ? CertificateVerification.Of(record)
            : null;

    private Task<CategoryResults> Load(string campaignId, string categoryId, CancellationToken ct) =>
        CategoryRecord.LoadAsync(session, campaignId, categoryId, ct);

    private CampaignDefinition Campaign(string campaignId, string categoryId)
    {
        var campaign = campaigns.Find(campaignId) ?? throw Refusal.NotFound("没有这个活动", "Unknown campaign");
        _ = campaign.FindCategory(categoryId) ?? throw Refusal.NotFound("没有这个类别", "Unknown category");
        return campaign;
    }
}
