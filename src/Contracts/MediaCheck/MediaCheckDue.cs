namespace Campaign.Contracts.MediaCheck;

/// <summary>
/// MediaCheck to itself: an entry's files (their content addresses, in the entry's order) wait for
/// the tools (ffprobe, ffmpeg). Hearing of an entry is quick and a check without files is done on
/// the spot; a check that needs the tools is queued here, where only as many run at once as the
/// machine has tool slots, so that on deadline day stories never wait behind videos. Published
/// through the outbox like every event, so a queued check survives a restart.
/// </summary>
public sealed record MediaCheckDue(Guid EntryId, string CampaignId, string CategoryId, IReadOnlyList<string> Media);
