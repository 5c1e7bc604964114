using Campaign.Campaigns;
using Marten;

namespace Campaign.Submission.Entries.SubmittingEntry;

/// <summary>
/// Q2, Q3: the places a category gives out — per person (or group member) and per organization's
/// quota. A taken place is a row with a unique id, so the database, not a check-then-insert, stops
/// two concurrent entries from taking the same place: the loser's commit fails and it tries the
/// next free place, or is refused when none is left.
/// </summary>
public sealed record Slot(string Id, Guid EntryId);

public static class Places
{
    public static async Task<IReadOnlyList<Slot>> ClaimAsync(IQuerySession session, CampaignDefinition campaign, Category category,
        string organizationId, IReadOnlyList<string> memberIds, Guid entryId, CancellationToken ct)
    {
        var slots = new List<Slot>();
        foreach (var member in memberIds)
        {
            var place = await FreeAsync(session, $"{campaign.Id}/{category.Id}/person/{member}", category.MaxEntriesPerPerson, ct)
                ?? throw new RuleViolationException("Q2", $"{member}在{category.Name}已有作品：每人（组合）每项只能报送{category.MaxEntriesPerPerson}个。", $"{member} already has {category.MaxEntriesPerPerson} entry in {category.Name}: one per person or group per category.", 409);
            slots.Add(new Slot(place, entryId));
        }
        if (category.Quotas is { } quotas)
        {
            var quota = quotas.PerOrganization.GetValueOrDefault(organizationId);
            var place = await FreeAsync(session, $"{campaign.Id}/{category.Id}/quota/{organizationId}", quota, ct)
                ?? throw new RuleViolationException("Q3", $"{campaign.FindOrganization(organizationId)?.Name ?? organizationId}在{category.Name}的{quota}个名额已用完。", $"{campaign.FindOrganization(organizationId)?.Name ?? organizationId} has used all {quota} of its places in {category.Name}.", 409);
            slots.Add(new Slot(place, entryId));
        }
        return slots;
    }

    private static async Task<string?> FreeAsync(IQuerySession session, string prefix, int capacity, CancellationToken ct)
    {
        var taken = (await session.Query<Slot>().Where(s => s.Id.StartsWith(prefix + "#")).Select(s => s.Id).ToListAsync(ct)).ToHashSet();
        return Enumerable.Range(1, capacity).Select(k => $"{prefix}#{k}").FirstOrDefault(id => !taken.Contains(id));
    }
}
