namespace Campaign.Campaigns;

/// <summary>One works-collection campaign: its organizations, categories and every rule's numbers.</summary>
public sealed record CampaignDefinition
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    /// <summary>T1: windows are local times of this zone, enforced by the server clock.</summary>
    public string TimeZone { get; init; } = "Asia/Shanghai";
    public required IReadOnlyList<Organization> Organizations { get; init; }
    /// <summary>O3: "organization" and/or "individual".</summary>
    public IReadOnlyList<string> Ports { get; init; } = [SubmissionPorts.Organization, SubmissionPorts.Individual];
    public required IReadOnlyList<Category> Categories { get; init; }
    public IReadOnlyList<Platform> Platforms { get; init; } = [];
    public required Scoring Scoring { get; init; }
    public required EngagementFormula Engagement { get; init; }
    public OrganizationAwards? OrganizationAwards { get; init; }
    /// <summary>A3: what the award certificates print of who issues them; null when the campaign issues none.</summary>
    public CertificateSettings? Certificate { get; init; }

    public Category? FindCategory(string id) => Categories.FirstOrDefault(c => c.Id == id);
    public Organization? FindOrganization(string id) => Organizations.FirstOrDefault(o => o.Id == id);

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}

/// <summary>The kinds of category: which media rules apply.</summary>
public static class CategoryKinds
{
    public const string Video = "video";
    public const string Recitation = "recitation";
    public const string Story = "story";
    public static readonly IReadOnlyList<string> All = [Video, Recitation, Story];
}

public static class SubmissionPorts
{
    public const string Organization = "organization";
    public const string Individual = "individual";
}

public static class OrganizationKinds
{
    public const string City = "city";
    public const string Zone = "zone";
    public const string Industry = "industry";
}

/// <summary>O1, O2: a unit that submits works; <see cref="Region"/> is what the A2 cap counts.</summary>
public sealed record Organization(string Id, string Name, string Kind, string? Region);

public sealed record Category
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    /// <summary>"video", "recitation" or "story": decides which media rules apply.</summary>
    public required string Kind { get; init; }
    /// <summary>A2: the host unit's region, or null when every city hosts (stories).</summary>
    public string? HostRegion { get; init; }
    /// <summary>T1: local times in the campaign's zone.</summary>
    public required Window Submissions { get; init; }
    /// <summary>Q1: minimum entries per organization kind; progress only, never blocks.</summary>
    public IReadOnlyDictionary<string, int> Minimums { get; init; } = new Dictionary<string, int>();
    /// <summary>Q2: one entry per person (or group) per category.</summary>
    public int MaxEntriesPerPerson { get; init; } = 1;
    /// <summary>Q2: the most people one entry (a group) names; each takes a place of their own.</summary>
    public int MaxMembers { get; init; } = 30;
    /// <summary>Q3: per-organization caps on entries, with the total they must sum to.</summary>
    public Quotas? Quotas { get; init; }
    public MediaRules? Media { get; init; }
    public StoryRules? Story { get; init; }
    /// <summary>P1: ids of the platforms this category's works are published on.</summary>
    public IReadOnlyList<string> Platforms { get; init; } = [];
    /// <summary>E1: figures taken after this local time are kept but not counted; null: the moment engagement closes.</summary>
    public DateTime? EngagementCutoff { get; init; }
    public required PanelRules Panel { get; init; }
    public required AwardRules Awards { get; init; }

    /// <summary>The rule a media category's format and attached work answer to: V1 for videos, R1 for recitations.</summary>
    public string FormatRule => Kind == CategoryKinds.Video ? "V1" : "R1";

    /// <summary>P1: what a reviewer confirms by eye before approving a work of this category.</summary>
    public IReadOnlyList<string> HumanReviewItems => Media?.HumanReviewItems ?? Story?.HumanReviewItems ?? [];
}

public sealed record Window(DateTime Opens, DateTime Closes)
{
    public bool Contains(DateTime local) => local >= Opens && local <= Closes;
}

public sealed record Quotas(int Total, IReadOnlyDictionary<string, int> PerOrganization);

/// <summary>V1–V6 and R1–R6: the format rules of a media category.</summary>
public sealed record MediaRules
{
    public required IReadOnlyList<string> Containers { get; init; }
    public bool AudioOnlyAccepted { get; init; }
    public double MinDurationSeconds { get; init; }
    public required double MaxDurationSeconds { get; init; }
    public required long MaxSizeBytes { get; init; }
    public int MinWidth { get; init; }
    public int MinHeight { get; init; }
    public long MinVideoBitrate { get; init; }
    public double MinFrameRate { get; init; }
    public bool AudioRequired { get; init; } = true;
    public double SilentBelowLufs { get; init; } = -50;
    public double ClippedAboveTruePeakDb { get; init; } = 0;
    public bool SubtitlesRequired { get; init; }
    public IReadOnlyList<string> HumanReviewItems { get; init; } = [];
}

/// <summary>S1–S4: the model-worker story.</summary>
public sealed record StoryRules
{
    public required int MinCharacters { get; init; }
    public required int MaxCharacters { get; init; }
    public int MinPhotoWidth { get; init; }
    public int MinPhotoHeight { get; init; }
    public IReadOnlyList<string> RequiredPhotos { get; init; } = [];
    /// <summary>The largest photo file accepted (S2 asks for high definition, not for size; this keeps uploads sane).</summary>
    public long MaxPhotoBytes { get; init; } = 30L * 1024 * 1024;
    public DateTime? RosterDue { get; init; }
    public IReadOnlyList<string> HumanReviewItems { get; init; } = [];
}

/// <summary>P1: a platform where works are published (website, app, a Douyin account…).</summary>
/// <summary>J1: the panel's size; every entry goes to every judge, or to a balanced subset of
/// <see cref="JudgesPerEntry"/> judges when set.</summary>
public sealed record PanelRules(int MinJudges, int MaxJudges, int? JudgesPerEntry = null);

/// <summary>J2, J3: how the judges' scores and the engagement score combine.</summary>
public sealed record Scoring
{
    public decimal MinScore { get; init; }
    public decimal MaxScore { get; init; } = 100;
    public required decimal JudgesWeight { get; init; }
    public required decimal EngagementWeight { get; init; }
    /// <summary>"mean" (J2) or "trimmed-mean".</summary>
    public string JudgesAggregate { get; init; } = "mean";
    /// <summary>Beyond the notice: an entry whose scores spread more than this (standard deviation),
    /// or a judge who scores this far from the others on average, is flagged for organizers.</summary>
    public decimal DisagreementPoints { get; init; } = 15;
}

/// <summary>
/// A1, A2: tiers in rank order, the host region's share of all winners, and how the tiers shrink
/// when there are few works: at most <see cref="MaxWinnerShare"/> of the eligible works win, and
/// with <see cref="TierPolicies.Scaled"/> every tier shrinks in proportion (instead of the top tiers
/// filling first). docs/campaigns.md explains the choice of the default campaign.
/// </summary>
public sealed record AwardRules
{
    public required IReadOnlyList<AwardTier> Tiers { get; init; }
    public decimal HostRegionCap { get; init; } = 1m;
    public decimal MaxWinnerShare { get; init; } = 1m;
    public string TierPolicy { get; init; } = TierPolicies.Fixed;
}

public static class TierPolicies
{
    /// <summary>The winners fill the tiers in rank order, each up to its count.</summary>
    public const string Fixed = "fixed";
    /// <summary>With fewer winners than places, each tier gets its share of the winners (largest remainders).</summary>
    public const string Scaled = "scaled";
    public static readonly IReadOnlyList<string> All = [Fixed, Scaled];
}

/// <summary>A1: a tier of awards; <see cref="Kind"/> says whether it goes to a person or group
/// (<see cref="AwardKinds.Individual"/>) or to an organization (<see cref="AwardKinds.Collective"/>);
/// a work below <see cref="MinFinalScore"/> (if set) does not take this tier.</summary>
public sealed record AwardTier(string Id, string Name, int Count, string Kind = AwardKinds.Individual, decimal? MinFinalScore = null);

/// <summary>A1: individual awards (个人奖项) and collective awards (集体奖项).</summary>
public static class AwardKinds
{
    public const string Individual = "individual";
    public const string Collective = "collective";
    public static readonly IReadOnlyList<string> All = [Individual, Collective];
}

/// <summary>
/// A5: outstanding organizing units (优秀组织单位) — the best <see cref="Count"/> organizations by a
/// weighted sum of three components on 0–100 (docs/campaigns.md): participation against the Q1
/// minimums, quality (the awards its works won, each tier worth its <see cref="TierPoints"/>), and
/// engagement (its works' mean E1 score). The weights sum to 1.
/// </summary>
public sealed record OrganizationAwards(string Name, int Count)
{
    public decimal ParticipationWeight { get; init; } = 0.4m;
    public decimal QualityWeight { get; init; } = 0.4m;
    public decimal EngagementWeight { get; init; } = 0.2m;

    /// <summary>Points per award tier id; a tier not named is worth as many points as its category has tiers from it down (of three tiers: 3, 2, 1).</summary>
    public IReadOnlyDictionary<string, decimal> TierPoints { get; init; } = new Dictionary<string, decimal>();
}

/// <summary>A3: certificates are issued by the organizers (主办单位): the heading printed on each and the
/// organizers' names, in the order they are printed.</summary>
public sealed record CertificateSettings(string Title, IReadOnlyList<string> Organizers);
