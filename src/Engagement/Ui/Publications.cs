using Campaign.Engagement.Snapshots;
using Marten;

namespace Campaign.Engagement.Ui;

/// <summary>Where a work was published (P1), as engagement recorded it: engagement knows works by
/// id, and organizers know them by the publication they can open.</summary>
public sealed record Publication(string PlatformId, string Url)
{
    /// <summary>Only a web address becomes a link: the address is the platform's data, not the page's.</summary>
    public bool IsWebAddress => Uri.TryCreate(Url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    public static async Task<ILookup<Guid, Publication>> OfAsync(IQuerySession session, Guid[] entryIds, CancellationToken ct) =>
        (await session.Query<PublicationLink>().Where(l => entryIds.Contains(l.EntryId)).ToListAsync(ct))
            .Select(l => (l.EntryId, Parts: l.Id.Split(' ', 2)))
            .OrderBy(l => l.Parts[0], StringComparer.Ordinal)
            .ToLookup(l => l.EntryId, l => new Publication(l.Parts[0], l.Parts[^1]));
}
