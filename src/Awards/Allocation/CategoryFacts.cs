namespace Campaign.Awards.Allocation;

/// <summary>
/// An entry of the category, as the results and certificates name it (A3): its organization, title
/// and people. Recorded from <c>EntrySubmitted</c> without the story's text or the media, which awards
/// never show — in the entry's own stream, not the category's: on the last day of intake thousands
/// arrive at once, and one stream per category would take them one at a time, each reading all before it.
/// </summary>
public sealed record EntryListed(Guid EntryId, string OrganizationId, string Title, string Port, IReadOnlyList<string> Authors, DateTimeOffset SubmittedAt,
    string CampaignId = "", string CategoryId = "");

/// <summary>
/// The sealed record: <see cref="Digest"/> is the hash chain (<see cref="Sealing.ResultsRecord"/>) over the
/// category's first <see cref="Events"/> events — every score, engagement figure, exclusion and
/// allocation behind allocation <see cref="AllocationId"/>, which is the last of them.
/// </summary>
public sealed record ResultsSealed(Guid AllocationId, int Events, string Digest, DateTimeOffset SealedAt);
