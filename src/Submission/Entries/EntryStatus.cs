namespace Campaign.Submission.Entries;

/// <summary>
/// Where an entry stands. <see cref="Held"/>: submitted on the individual port and waiting for its
/// group's members or its organization's administrator to confirm (O3, Q2, Q3); <see cref="Declined"/>:
/// the organization did not recognize the submitter as one of its people.
/// </summary>
public enum EntryStatus { Submitted, MediaChecked, Approved, Rejected, Published, Judged, EngagementScored, Awarded, NotAwarded, Withdrawn, Disqualified, Held, Declined }

public static class EntryLifecycle
{
    /// <summary>
    /// Where a status stands in an entry's lifecycle. A status only moves up this scale, whatever
    /// order the facts arrive in; the one step back is new files before the work is past review.
    /// </summary>
    public static int Rank(this EntryStatus status) => status switch
    {
        EntryStatus.Held => 0,
        EntryStatus.Submitted => 1,
        EntryStatus.MediaChecked => 2,
        EntryStatus.Approved or EntryStatus.Rejected => 3,
        EntryStatus.Published => 4,
        EntryStatus.Judged => 5,
        EntryStatus.EngagementScored => 6,
        EntryStatus.Awarded or EntryStatus.NotAwarded => 7,
        EntryStatus.Declined => 8,
        EntryStatus.Withdrawn => 9,
        EntryStatus.Disqualified => 10,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
