using Campaign.Campaigns;
using Campaign.Contracts.Submission;

namespace Campaign.Submission.Entries.SubmittingEntry;

public sealed record Consent(string TextVersion, bool Accepted);

/// <summary>
/// A person of an entry. On the organization port, <see cref="Id"/> is the organization's own stable
/// identifier of the person; on the individual port, the platform account of another member of the
/// group, who then confirms with their own sign-in (the submitter is always a member).
/// </summary>
public sealed record Member(string Id, string Name);

/// <summary>The person submitting, as the token tells: who, whether they administer the named organization, their verified affiliation and their name.</summary>
public sealed record Submitter(string UserId, bool AdministersOrganization, string? VerifiedAffiliation, string? Name = null);

public sealed record SubmitEntry(
    Guid EntryId, string CampaignId, string CategoryId, string? Title, string OrganizationId, string Port, Consent? Consent,
    string? StoryText, IReadOnlyList<Member> Members, IReadOnlyList<MediaReference> Media, Submitter By, DateTimeOffset Now);

/// <summary>What a submission decides: its events, the people whose Q2 places it takes now, and whether it takes a Q3 quota place now.</summary>
public sealed record SubmissionDecided(object[] Events, IReadOnlyList<string> PersonPlaces, bool TakesQuotaPlace);

public static class SubmitEntryDecision
{
    public static SubmissionDecided Decide(CampaignDefinition campaign, SubmitEntry command)
    {
        var category = campaign.FindCategory(command.CategoryId)
            ?? throw new InvalidInputException("categoryId", $"活动{campaign.Id}没有子项目“{command.CategoryId}”。", $"Campaign {campaign.Id} has no category '{command.CategoryId}'.");
        if (campaign.FindOrganization(command.OrganizationId) is null)
            throw new RuleViolationException("O3", $"“{command.OrganizationId}”不是活动{campaign.Id}的报送单位。", $"'{command.OrganizationId}' is not an organization of campaign {campaign.Id}.");
        if (!campaign.Ports.Contains(command.Port))
            throw new RuleViolationException("O3", $"活动{campaign.Id}不开放“{command.Port}”端口申报。", $"Campaign {campaign.Id} does not accept entries through the '{command.Port}' port.");
        var organizationPort = command.Port == SubmissionPorts.Organization;
        if (organizationPort && !command.By.AdministersOrganization)
            throw new RuleViolationException("O3", $"只有{command.OrganizationId}的管理员可以通过组织端口申报。", $"Only an administrator of {command.OrganizationId} submits through its organization port.", 403);

        SubmissionWindow.Check(campaign, category, command.Now);
        if (command.Consent is not { Accepted: true } || UserText.Clean("consent.textVersion", command.Consent.TextVersion, UserText.Name) is not { } textVersion)
            throw new RuleViolationException("C1", "申报须明确同意版权及使用条款，并注明所同意条款的版本。", "Submitting requires explicit consent to the copyright and usage terms, naming the version of the text agreed to.");
        var title = UserText.Clean("title", command.Title, UserText.Title)
            ?? throw new InvalidInputException("title", "作品须有标题。", "An entry needs a title.");
        var story = UserText.Clean("storyText", command.StoryText, UserText.Paragraphs, multiline: true);
        if (category.Kind == CategoryKinds.Story && story is null)
            throw new RuleViolationException("S1", "劳模故事须有正文。", "A story entry needs its text.");
        if (category.Kind != CategoryKinds.Story && !command.Media.Any(m => m.Role == MediaRoles.Work))
            throw new RuleViolationException(category.FormatRule, "请附上作品文件（已完成上传、role 为 \"work\"）。", "Attach the work's file (a finished upload with role \"work\").");

        var members = MemberIds(command);
        if (members.Count > category.MaxMembers)
            throw new RuleViolationException("Q2", $"{category.Name}的作品最多署名{category.MaxMembers}人，此作品有{members.Count}人。",
                $"An entry of {category.Name} names at most {category.MaxMembers} people; this one names {members.Count}.");
        var submitted = new EntrySubmitted(command.EntryId, campaign.Id, category.Id, title, command.OrganizationId, command.Port,
            command.By.UserId, category.Kind == CategoryKinds.Story ? story : null, command.Media, command.Now, Authors(command));
        var consented = new ConsentGiven(command.EntryId, textVersion, command.By.UserId, command.Now);
        if (organizationPort)
            return new([consented, submitted], members.Select(m => Places.Person(command.Port, command.OrganizationId, m)).ToList(), true);

        // O3: on the individual port the submitter is always one of the entry's people; the others confirm with their own
        // sign-in, and an affiliation the token does not verify waits for the organization's administrator.
        // Q3: the organization's place is taken as soon as the affiliation is known — here when the token verifies it, even
        // while the group's members are awaited (their confirmations take only their own Q2 places); else when its
        // administrator confirms it.
        var awaiting = members.Where(m => m != command.By.UserId).ToList();
        var affiliationVerified = command.By.VerifiedAffiliation == command.OrganizationId || command.By.AdministersOrganization;
        string[] submitter = [Places.Person(command.Port, command.OrganizationId, command.By.UserId)];
        return awaiting.Count == 0 && affiliationVerified
            ? new([consented, submitted], submitter, true)
            : new([consented, new EntryHeld(command.EntryId, submitted, members, awaiting, !affiliationVerified, command.Now)], submitter, affiliationVerified);
    }

    /// <summary>
    /// A3: the names a certificate prints — the named members in order; on the individual port the
    /// submitter (by the token's name) first when they did not name themself.
    /// </summary>
    public static IReadOnlyList<string> Authors(SubmitEntry command)
    {
        var names = command.Members.Select((m, i) => UserText.Clean($"members[{i}].name", m.Name, UserText.Name)).OfType<string>().ToList();
        if (command.Port == SubmissionPorts.Individual && command.Members.All(m => m.Id != command.By.UserId))
            names.Insert(0, command.By.Name ?? command.By.UserId);
        return names;
    }

    /// <summary>Q2: who the entry is by — the named members, and on the individual port always the submitter themself.</summary>
    public static IReadOnlyList<string> MemberIds(SubmitEntry command)
    {
        var ids = command.Members.Select((m, i) => UserText.Clean($"members[{i}].id", m.Id, UserText.Name)).OfType<string>().ToList();
        foreach (var (m, i) in command.Members.Select((m, i) => (m, i))) UserText.Clean($"members[{i}].name", m.Name, UserText.Name);
        if (command.Port == SubmissionPorts.Individual) ids.Insert(0, command.By.UserId);
        if (ids.Count == 0) throw new RuleViolationException("Q2", "组织申报须注明作者（组合须列出每位成员）及其唯一标识。", "An organization's entry names its author (or every member of a group) with a stable id.");
        return ids.Distinct().ToList();
    }
}
