using Campaign.Campaigns;
using Marten;
using JasperFx;

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
    /// <summary>Q2: the place of one person. <paramref name="person"/> is a key the platform can tell apart (<see cref="Person"/>).</summary>
    public static async Task<Slot> PersonAsync(IQuerySession session, CampaignDefinition campaign, Category category, string person,
        Guid entryId, CancellationToken ct) =>
        new(await FreeAsync(session, $"{campaign.Id}/{category.Id}/person/{person}", category.MaxEntriesPerPerson, ct)
            ?? throw new RuleViolationException("Q2", $"{Shown(person)}在{category.Name}已有作品：每人（组合）每项只能报送{category.MaxEntriesPerPerson}个。",
                $"{Shown(person)} already has {category.MaxEntriesPerPerson} entry in {category.Name}: one per person or group per category.", 409),
            entryId);

    /// <summary>Q3: one of the organization's quota places, where the category has quotas.</summary>
    public static async Task<Slot?> QuotaAsync(IQuerySession session, CampaignDefinition campaign, Category category, string organizationId,
        Guid entryId, CancellationToken ct)
    {
        if (category.Quotas is not { } quotas) return null;
        var quota = quotas.PerOrganization.GetValueOrDefault(organizationId);
        var name = campaign.FindOrganization(organizationId)?.Name ?? organizationId;
        return new(await FreeAsync(session, $"{campaign.Id}/{category.Id}/quota/{organizationId}", quota, ct)
            ?? throw new RuleViolationException("Q3", $"{name}在{category.Name}的{quota}个名额已用完。", $"{name} has used all {quota} of its places in {category.Name}.", 409),
            entryId);
    }

    /// <summary>
    /// Q2's key for a person: a platform account (<c>user:</c> the token's subject) on the individual
    /// port; on the organization port the identifier the organization's administrator gives, in
    /// that organization's own namespace — so nobody can take another person's place by naming them.
    /// </summary>
    public static string Person(string port, string organizationId, string id) =>
        port == SubmissionPorts.Individual ? $"user:{id}" : $"org:{organizationId}:{id}";

    /// <summary>
    /// Runs a write that claims places, again in a fresh session when another request took the same
    /// place at the same moment (the unique row made this one's commit fail).
    /// </summary>
    public static async Task<T> ClaimingAsync<T>(ISessionFactory sessions, Func<IDocumentSession, Task<T>> write, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = sessions.OpenSession();
            try
            {
                return await write(session);
            }
            catch (DocumentAlreadyExistsException) when (attempt < 25)
            {
                await Task.Delay(Random.Shared.Next(1, 10 * attempt), ct);
            }
        }
    }

    private static string Shown(string person) => person[(person.LastIndexOf(':') + 1)..];

    // The place ids are known (prefix#1 … prefix#capacity): loaded by key, not found by a LINQ prefix query translated
    // anew on every submission, which the deadline-day trace found on the path of a quarter of the service's samples
    // (docs/benchmarks.md).
    private static async Task<string?> FreeAsync(IQuerySession session, string prefix, int capacity, CancellationToken ct)
    {
        if (capacity <= 0) return null;
        var places = Enumerable.Range(1, capacity).Select(k => $"{prefix}#{k}").ToArray();
        var taken = (await session.LoadManyAsync<Slot>(ct, places)).Select(s => s.Id).ToHashSet();
        return places.FirstOrDefault(id => !taken.Contains(id));
    }
}
