using Campaign.Campaigns;
using Campaign.Contracts.Judging;
using Campaign.Judging.Entries;
using Campaign.Judging.Panels;

namespace Campaign.Judging.Scoring;

public static class ScoreDecisions
{
    public const int MaxCommentLength = 2000;

    /// <summary>J2: an assigned judge scores the entry from 0 to 100 with an optional comment; the
    /// score is a draft the judge may change until they submit it.</summary>
    public static ScoreGiven Draft(CampaignDefinition campaign, Panel panel, JudgingEntry entry, string judgeId, ScoreRequest request, DateTimeOffset now)
    {
        EnsureMayScore(panel, entry, judgeId);
        var s = campaign.Scoring;
        if (request.Score < s.MinScore || request.Score > s.MaxScore || decimal.Round(request.Score, 1) != request.Score)
            throw new RuleViolationException("J2", $"评分为{s.MinScore}–{s.MaxScore}分（最多一位小数），{request.Score}不在范围内。",
                $"A score is from {s.MinScore} to {s.MaxScore} with at most one decimal; {request.Score} is not.");
        if (request.Comment?.Length > MaxCommentLength)
            throw new RuleViolationException("J2", $"评语最多{MaxCommentLength}字。", $"A comment has at most {MaxCommentLength} characters.");
        return new ScoreGiven(entry.Id, judgeId, request.Score, UserText.Clean("comment", request.Comment, MaxCommentLength, multiline: true), now);
    }

    /// <summary>J2: the judge hands in the score; when it is the last one the entry is judged.</summary>
    public static object[] Submit(CampaignDefinition campaign, Panel panel, JudgingEntry entry, string judgeId, DateTimeOffset now)
    {
        EnsureMayScore(panel, entry, judgeId);
        if (entry.SheetOf(judgeId) is null)
            throw new RuleViolationException("J2", "请先评分再提交。", "Score the entry before submitting.");
        var submitted = new ScoreSubmitted(entry.Id, judgeId, now);
        return Complete(campaign, entry.Apply(submitted), now) is { } judged ? [submitted, judged] : [submitted];
    }

    /// <summary>J1: a judge declares a conflict of interest and leaves the entry to the others.</summary>
    public static ConflictDeclared DeclareConflict(Panel panel, JudgingEntry entry, string judgeId, ConflictRequest request, DateTimeOffset now)
    {
        EnsureMayScore(panel, entry, judgeId);
        var reason = UserText.Clean("reason", request.Reason, UserText.Reason, multiline: true)
            ?? throw new RuleViolationException("J1", "申报回避需要说明理由。", "A declared conflict of interest needs a reason.");
        return new ConflictDeclared(entry.Id, judgeId, reason, now);
    }

    /// <summary>J2: once every assigned judge has submitted, the entry is judged with every score and the aggregate.</summary>
    public static EntryJudged? Complete(CampaignDefinition campaign, JudgingEntry entry, DateTimeOffset now)
    {
        if (!entry.OpenForScoring || !entry.AllScoresIn) return null;
        var scores = entry.AssignedJudges.Select(j => new JudgeScore(j, entry.SheetOf(j)!.Score)).ToList();
        var method = campaign.Scoring.JudgesAggregate;
        return new EntryJudged(entry.Id, entry.CampaignId, entry.CategoryId, entry.OrganizationId!, scores,
            ScoreAggregate.Compute(scores.Select(s => s.Score).ToList(), method), method, now);
    }

    private static void EnsureMayScore(Panel panel, JudgingEntry entry, string judgeId)
    {
        // Blind judging: an entry not assigned to the judge is refused without saying more about it.
        if (!panel.Seats(judgeId) || !entry.AssignedJudges.Contains(judgeId))
            throw new RuleViolationException("J1", "该作品未分配给您评审。", "This entry is not assigned to you.", 403);
        if (panel.Closed)
            throw new RuleViolationException("J2", "该类别的评审已结束。", "Judging of this category is closed.", 409);
        if (!entry.OpenForScoring)
            throw new RuleViolationException("J2", "该作品不在评分阶段。", "This entry is not open for scoring.", 409);
        if (entry.SheetOf(judgeId)?.Submitted == true)
            throw new RuleViolationException("J2", "评分已提交，不能再修改。", "Your score was submitted and can no longer change.", 409);
    }
}
