using Campaign.Contracts.Awards;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;

namespace Campaign.Contracts;

/// <summary>
/// Who listens to which event: each consuming service's queue and the events bound to it (the
/// "listens to" column of DESIGN.md). Publishers declare these queues and their bindings before
/// their first publication, so an event published before its consumer ever started waits in the
/// consumer's queue instead of being dropped by the broker for want of a binding. A test compares
/// this catalogue with the bindings the services themselves declare.
/// </summary>
public static class Listeners
{
    public sealed record Queue(string Name, IReadOnlyList<Type> Events);

    public static readonly Queue SubmissionLifecycle = new("submission-lifecycle-recorder",
        [typeof(MediaChecked), typeof(EntryReviewed), typeof(EntryPublished), typeof(EntryJudged), typeof(EngagementScored), typeof(AwardsAllocated), typeof(CertificateIssued)]);

    public static readonly Queue MediaCheck = new("mediacheck-entry-submitted", [typeof(EntrySubmitted), typeof(EntryMediaChanged)]);

    /// <summary>MediaCheck's own queue of checks that wait for the tools (<see cref="MediaCheckDue"/>).</summary>
    public static readonly Queue MediaCheckTools = new("mediacheck-media-check-due", [typeof(MediaCheckDue)]);

    public static readonly Queue JudgingEntryFacts = new("judging-entry-facts-recorder",
        [typeof(EntrySubmitted), typeof(EntryMediaChanged), typeof(MediaChecked), typeof(EntryWithdrawn), typeof(EntryDisqualified)]);

    public static readonly Queue EngagementPublications = new("engagement-publication-recorder",
        [typeof(EntryPublished), typeof(EntryWithdrawn), typeof(EntryDisqualified)]);

    public static readonly Queue AwardsCategoryResults = new("awards-category-results-recorder",
        [typeof(EntryJudged), typeof(EngagementScored), typeof(JudgingClosed), typeof(EngagementClosed), typeof(EntryWithdrawn), typeof(EntryDisqualified)]);

    public static readonly Queue AwardsEntryListings = new("awards-entry-listing-recorder", [typeof(EntrySubmitted)]);

    public static readonly IReadOnlyList<Queue> All = [SubmissionLifecycle, MediaCheck, MediaCheckTools, JudgingEntryFacts, EngagementPublications, AwardsCategoryResults, AwardsEntryListings];

    /// <summary>The queues an event is delivered to.</summary>
    public static IEnumerable<string> Of(Type eventType) => All.Where(q => q.Events.Contains(eventType)).Select(q => q.Name);
}
