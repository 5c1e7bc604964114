namespace Campaign.Campaigns;

/// <summary>Checks a campaign at start-up; every message names the field that is wrong.</summary>
public static class CampaignValidator
{

    public static IReadOnlyList<string> Validate(CampaignDefinition c)
    {
        var errors = new List<string>();
        void Check(bool ok, string field, string problem)
        {
            if (!ok) errors.Add($"{c.Id}: {field} {problem}");
        }

        Check(!string.IsNullOrWhiteSpace(c.Id), "id", "is required");
        Check(IsZone(c.TimeZone), "timeZone", $"'{c.TimeZone}' is not a known time zone");
        Check(c.Organizations.Count > 0, "organizations", "must list at least one organization (O1, O2)");
        foreach (var dup in c.Organizations.GroupBy(o => o.Id).Where(g => g.Count() > 1))
            errors.Add($"{c.Id}: organizations[{dup.Key}] appears more than once");
        Check(c.Ports.Count > 0 && c.Ports.All(p => p is SubmissionPorts.Organization or SubmissionPorts.Individual),
            "ports", "must name 'organization' and/or 'individual' (O3)");
        Check(c.Categories.Count > 0, "categories", "must list at least one category");

        var platformIds = c.Platforms.Select(p => p.Id).ToHashSet();
        var regions = c.Organizations.Select(o => o.Region).OfType<string>().ToHashSet();
        foreach (var cat in c.Categories)
        {
            var f = $"categories[{cat.Id}]";
            Check(CategoryKinds.All.Contains(cat.Kind), $"{f}.kind", $"'{cat.Kind}' must be one of {string.Join(", ", CategoryKinds.All)}");
            Check(cat.Submissions.Opens < cat.Submissions.Closes, $"{f}.submissions", "must open before it closes (T1)");
            Check(cat.HostRegion is null || regions.Contains(cat.HostRegion), $"{f}.hostRegion", $"'{cat.HostRegion}' is no organization's region");
            Check(cat.MaxEntriesPerPerson >= 1, $"{f}.maxEntriesPerPerson", "must be at least 1 (Q2)");
            Check(cat.MaxMembers >= 1, $"{f}.maxMembers", "must be at least 1 (Q2)");
            foreach (var (kind, min) in cat.Minimums)
                Check(min >= 0, $"{f}.minimums.{kind}", "must not be negative (Q1)");
            if (cat.Quotas is { } q)
            {
                Check(q.PerOrganization.Values.Sum() == q.Total, $"{f}.quotas", $"sum to {q.PerOrganization.Values.Sum()}, not the total {q.Total} (Q3)");
                foreach (var org in q.PerOrganization.Keys.Where(k => c.FindOrganization(k) is null))
                    errors.Add($"{c.Id}: {f}.quotas.{org} names no organization (Q3)");
            }
            Check(cat.Kind == CategoryKinds.Story ? cat.Story is not null : cat.Media is not null,
                cat.Kind == CategoryKinds.Story ? $"{f}.story" : $"{f}.media", "is required for this kind of category");
            if (cat.Media is { } m)
            {
                Check(m.Containers.Count > 0, $"{f}.media.containers", "must list at least one container (V1, R1)");
                Check(m.MaxDurationSeconds > m.MinDurationSeconds, $"{f}.media.maxDurationSeconds", "must exceed minDurationSeconds (V2, R2)");
                Check(m.MaxSizeBytes > 0, $"{f}.media.maxSizeBytes", "must be positive (V3, R3)");
            }
            if (cat.Story is { } s)
                Check(s.MinCharacters > 0 && s.MinCharacters <= s.MaxCharacters, $"{f}.story", "needs 0 < minCharacters ≤ maxCharacters (S1)");
            foreach (var p in cat.Platforms.Where(p => !platformIds.Contains(p)))
                errors.Add($"{c.Id}: {f}.platforms.{p} names no platform (P1)");
            Check(cat.Panel.MinJudges >= 1 && cat.Panel.MinJudges <= cat.Panel.MaxJudges, $"{f}.panel", "needs 1 ≤ minJudges ≤ maxJudges (J1)");
            Check(cat.Panel.JudgesPerEntry is null || (cat.Panel.JudgesPerEntry >= 1 && cat.Panel.JudgesPerEntry <= cat.Panel.MaxJudges),
                $"{f}.panel.judgesPerEntry", "needs 1 ≤ judgesPerEntry ≤ maxJudges (J1)");
            Check(cat.Awards.Tiers.Count > 0 && cat.Awards.Tiers.All(t => t.Count > 0), $"{f}.awards.tiers", "must list tiers with positive counts (A1)");
            Check(cat.Awards.MaxWinnerShare is > 0 and <= 1, $"{f}.awards.maxWinnerShare", "must be in (0, 1] (A1)");
            Check(cat.Awards.Tiers.Zip(cat.Awards.Tiers.Skip(1)).All(p => p.Second.MinFinalScore is null
                    ? true : p.First.MinFinalScore is { } above && p.Second.MinFinalScore <= above),
                $"{f}.awards.tiers", "a tier's minFinalScore may not exceed the one of the tier above it, nor be set below a tier without one (A1)");
            Check(TierPolicies.All.Contains(cat.Awards.TierPolicy), $"{f}.awards.tierPolicy", $"must be one of {string.Join(", ", TierPolicies.All)} (A1)");
            foreach (var (t, j) in cat.Awards.Tiers.Select((t, j) => (t, j)))
                Check(AwardKinds.All.Contains(t.Kind), $"{f}.awards.tiers[{j}].kind", $"'{t.Kind}' must be one of {string.Join(", ", AwardKinds.All)} (A1)");
            Check(cat.Awards.HostRegionCap is > 0 and <= 1, $"{f}.awards.hostRegionCap", "must be in (0, 1] (A2)");
        }

        if (c.OrganizationAwards is { } units)
        {
            Check(units.Count >= 1, "organizationAwards.count", "must be at least 1 (A5)");
            decimal[] weights = [units.ParticipationWeight, units.QualityWeight, units.EngagementWeight];
            Check(weights.All(w => w >= 0) && weights.Sum() == 1, "organizationAwards", $"weights {string.Join(" + ", weights)} must be non-negative and sum to 1 (A5)");
            var tierIds = c.Categories.SelectMany(cat => cat.Awards.Tiers).Select(t => t.Id).ToHashSet();
            foreach (var (tier, points) in units.TierPoints)
                Check(tierIds.Contains(tier) && points >= 0, $"organizationAwards.tierPoints.{tier}", "must name an award tier with non-negative points (A5)");
        }

        if (c.Certificate is { } certificate)
        {
            Check(!string.IsNullOrWhiteSpace(certificate.Title), "certificate.title", "is required (A3)");
            Check(certificate.Organizers is { Count: > 0 } && certificate.Organizers.All(o => !string.IsNullOrWhiteSpace(o)),
                "certificate.organizers", "must name at least one organizer, none blank (A3)");
        }

        var s2 = c.Scoring;
        Check(s2.JudgesWeight >= 0 && s2.EngagementWeight >= 0 && s2.JudgesWeight + s2.EngagementWeight == 1,
            "scoring", $"weights {s2.JudgesWeight} + {s2.EngagementWeight} must be non-negative and sum to 1 (J3)");
        Check(s2.MinScore < s2.MaxScore, "scoring.maxScore", "must exceed minScore (J2)");
        Check(s2.JudgesAggregate is "mean" or "trimmed-mean", "scoring.judgesAggregate", "must be 'mean' or 'trimmed-mean' (J2)");
        Check(!string.IsNullOrWhiteSpace(c.Engagement.Version), "engagement.version", "is required so every score names its formula (E1)");
        Check(c.Engagement.Weights.Count > 0 && c.Engagement.Weights.Values.All(w => w >= 0), "engagement.weights", "must list non-negative weights (E1)");
        Check(c.Engagement.Scaling is "linear" or "log", "engagement.scaling", "must be 'linear' or 'log' (E1)");
        foreach (var (platform, weights) in c.Engagement.PlatformWeights)
        {
            Check(platformIds.Contains(platform), $"engagement.platformWeights.{platform}", "names no platform (E1)");
            Check(weights.All(w => c.Engagement.Weights.ContainsKey(w.Key) && w.Value >= 0), $"engagement.platformWeights.{platform}",
                "multiplies only figures of engagement.weights, by non-negative numbers (E1)");
        }
        string[] snapshotFields = ["entryId", "url", "takenAt", .. c.Engagement.Weights.Keys];
        foreach (var p in c.Platforms)
        {
            Check(PlatformCadences.All.Contains(p.Cadence) && p.ReportingLagHours >= 0, $"platforms.{p.Id}",
                $"cadence must be one of {string.Join(", ", PlatformCadences.All)}, reportingLagHours not negative (E1)");
            foreach (var field in (p.CsvColumns?.Keys ?? []).Where(f => !snapshotFields.Contains(f)))
                errors.Add($"{c.Id}: platforms.{p.Id}.csvColumns.{field} is not one of {string.Join(", ", snapshotFields)}");
        }
        var sig = c.Engagement.Signals;
        Check(sig.GrowthFactor > 1 && sig.RatioFactor > 1 && sig.BurstShare is > 0 and <= 1 && sig.MinGrowth >= 0 && sig.MinBurst >= 0 && sig.MinViewsForRatio >= 0,
            "engagement.signals", "factors above 1, burstShare in (0, 1], minimums not negative");
        return errors;
    }

    private static bool IsZone(string id)
    {
        try { TimeZoneInfo.FindSystemTimeZoneById(id); return true; }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException) { return false; }
    }
}
