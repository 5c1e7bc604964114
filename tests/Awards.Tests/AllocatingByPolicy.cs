using Campaign.Awards.Allocation;
using Campaign.Campaigns;
using CsCheck;

namespace Campaign.Awards.Tests;

/// <summary>A1, A2 over random categories: the tier policy, tiers' minimum scores and the cap, as properties and as the 2021 campaign's choice.</summary>
public sealed class AllocatingByPolicy
{
    private static readonly CampaignDefinition Liaoning = CampaignCatalog.LoadDefault();

    private sealed record Case(decimal[] Finals, bool[] IsHost, AwardRules Rules)
    {
        public int Places => Math.Min(Rules.Tiers.Sum(t => t.Count), (int)Math.Floor(Rules.MaxWinnerShare * Finals.Length));
        public IReadOnlyList<(int Position, AwardTier Tier)> Allocate() => AwardAllocation.Places(Finals, IsHost, Places, Rules);
    }

    private static readonly Gen<AwardTier[]> GenTiers =
        Gen.Select(Gen.Int[1, 6], Gen.Int[0, 3], (count, min) => (count, min)).Array[1, 4]
            // Minimums never rise down the tiers (the campaign validator's rule): once a tier has none, the ones below have none.
            .Select(ts => ts.Select((t, i) => new AwardTier($"t{i}", $"tier {i}", t.count, AwardKinds.Individual,
                ts.Take(i + 1).Any(x => x.min == 0) ? null : 100m - 10m * (i + 1) - t.min)).ToArray());

    private static readonly Gen<Case> GenCase =
        Gen.Select(Gen.Int[0, 40], GenTiers, Gen.Int[1, 10], Gen.Int[1, 10], Gen.Bool, (n, tiers, cap, share, scaled) => (n, tiers, cap, share, scaled))
            .SelectMany(c => Gen.Select(Gen.Int[0, 10000].Array[c.n], Gen.Bool.Array[c.n], (scores, hosts) =>
                // Finals in rank order, as the allocation ranks them: descending.
                new Case([.. scores.Select(x => x / 100m).OrderDescending()], hosts, new AwardRules
                {
                    Tiers = c.tiers, HostRegionCap = c.cap / 10m, MaxWinnerShare = c.share / 10m,
                    TierPolicy = c.scaled ? TierPolicies.Scaled : TierPolicies.Fixed,
                })));

    private static string Show(Case c) =>
        $"finals [{string.Join(", ", c.Finals)}] hosts [{string.Join("", c.IsHost.Select(h => h ? 'H' : 'o'))}] cap {c.Rules.HostRegionCap} share {c.Rules.MaxWinnerShare} " +
        $"{c.Rules.TierPolicy} tiers [{string.Join(", ", c.Rules.Tiers.Select(t => $"{t.Id}×{t.Count}≥{t.MinFinalScore}"))}] → " +
        string.Join(", ", c.Allocate().Select(a => $"{a.Position}:{a.Tier.Id}"));

    [Fact]
    public void A2_the_cap_is_never_exceeded()
    {
        GenCase.Sample(c =>
        {
            var awarded = c.Allocate();
            return awarded.Count(a => c.IsHost[a.Position]) <= Math.Floor(c.Rules.HostRegionCap * awarded.Count);
        }, iter: 2000, print: Show);
    }

    [Fact]
    public void A1_A2_a_work_loses_to_a_lower_one_only_as_the_cap_forces_and_tiers_go_in_rank_order()
    {
        GenCase.Sample(c =>
        {
            var awarded = c.Allocate().OrderBy(a => a.Position).ToList();
            var won = awarded.Select(a => a.Position).ToHashSet();
            var tierIndex = c.Rules.Tiers.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i);
            // A non-winner ranked above a winner is a host work (the cap), or below every tier's minimum.
            var lowest = c.Rules.Tiers.Min(t => t.MinFinalScore ?? decimal.MinValue);
            var fair = Enumerable.Range(0, c.Finals.Length).Where(i => !won.Contains(i) && won.Any(w => w > i))
                .All(i => c.IsHost[i] || c.Finals[i] < lowest);
            // A better-ranked winner never gets a lower tier than a worse-ranked one.
            var ordered = awarded.Zip(awarded.Skip(1)).All(p => tierIndex[p.First.Tier.Id] <= tierIndex[p.Second.Tier.Id]);
            // Nobody takes a tier below its minimum.
            var minimums = awarded.All(a => c.Finals[a.Position] >= (a.Tier.MinFinalScore ?? decimal.MinValue));
            return fair && ordered && minimums;
        }, iter: 2000, print: Show);
    }

    [Fact]
    public void A1_a_place_stays_empty_only_when_no_work_may_take_it()
    {
        GenCase.Sample(c =>
        {
            var awarded = c.Allocate();
            var won = awarded.Select(a => a.Position).ToHashSet();
            var lowest = c.Rules.Tiers.Min(t => t.MinFinalScore ?? decimal.MinValue);
            var slots = AwardAllocation.Slots(c.Rules, Math.Min(c.Places, c.Finals.Count(f => f >= lowest)));
            var open = slots.Count - awarded.Count;
            if (open <= 0) return true;
            // Any work left out could take no open place: it is below the open tiers' minimums, or a host work the cap keeps out.
            var hostsAllowed = (int)Math.Floor(c.Rules.HostRegionCap * (awarded.Count + 1));
            var hostWinners = awarded.Count(a => c.IsHost[a.Position]);
            var openTiers = slots.GroupBy(t => t.Id).Select(g => (Tier: g.First(), Open: g.Count() - awarded.Count(a => a.Tier.Id == g.Key))).Where(t => t.Open > 0).ToList();
            return Enumerable.Range(0, c.Finals.Length).Where(i => !won.Contains(i)).All(i =>
                openTiers.All(t => c.Finals[i] < (t.Tier.MinFinalScore ?? decimal.MinValue)) || (c.IsHost[i] && hostWinners + 1 > hostsAllowed));
        }, iter: 2000, print: Show);
    }

    [Fact]
    public void A1_A2_the_allocation_is_deterministic()
    {
        GenCase.Sample(c => c.Allocate().SequenceEqual(c.Allocate()), iter: 500);
    }

    [Fact]
    public void A1_with_few_works_the_2021_campaign_scales_every_tier_and_awards_at_most_60_percent()
    {
        // Eight stories for 60 places (10 + 20 + 30): not eight first prizes, but 4 winners (60 % of 8), each tier its share.
        var story = Liaoning.FindCategory("story")!;
        var awarded = AwardAllocation.Places([.. Enumerable.Range(0, 8).Select(i => 90m - i)], new bool[8], (int)Math.Floor(0.6m * 8), story.Awards);
        Assert.Equal(["first", "second", "third", "third"], awarded.Select(a => a.Tier.Id));
        Assert.Equal((TierPolicies.Scaled, 0.6m), (story.Awards.TierPolicy, story.Awards.MaxWinnerShare));
    }

    [Fact]
    public void A1_a_tier_s_minimum_leaves_its_place_empty_rather_than_give_it_to_a_weaker_work()
    {
        var rules = new AwardRules { Tiers = [new AwardTier("gold", "金奖", 1, MinFinalScore: 90), new AwardTier("silver", "银奖", 2)] };
        var awarded = AwardAllocation.Places([85m, 80m, 70m], new bool[3], 3, rules);
        Assert.Equal([(0, "silver"), (1, "silver")], awarded.Select(a => (a.Position, a.Tier.Id)));
    }

    [Fact]
    public void A2_the_cap_report_names_whom_the_cap_displaced_and_who_took_their_places()
    {
        var category = Liaoning.FindCategory("video")! is var v ? v with { Awards = v.Awards with { TierPolicy = TierPolicies.Fixed, MaxWinnerShare = 1m } } : null!;
        // 50 places; Yingkou's 40 works outrank Dalian's 20. Without the cap the top 50 win (40 + 10); with it, 13 Yingkou
        // winners of 33 (40 %): 27 Yingkou works displaced, the other 10 Dalian works took places, 17 places stay empty.
        var finals = Enumerable.Range(0, 40).Select(i => 99m - i * 0.1m).Concat(Enumerable.Range(0, 20).Select(i => 50m - i * 0.1m)).ToArray();
        var isHost = Enumerable.Range(0, 60).Select(i => i < 40).ToArray();
        var places = Math.Min(category.Awards.Tiers.Sum(t => t.Count), 60);
        var capped = AwardAllocation.Places(finals, isHost, places, category.Awards).Select(a => a.Position).ToHashSet();
        var uncapped = AwardAllocation.Places(finals, isHost, places, category.Awards with { HostRegionCap = 1m }).Select(a => a.Position).ToHashSet();
        Assert.Equal((33, 50), (capped.Count, uncapped.Count));
        Assert.Equal(Enumerable.Range(13, 27), uncapped.Except(capped).Order());
        Assert.Equal(Enumerable.Range(50, 10), capped.Except(uncapped).Order());
    }
}
