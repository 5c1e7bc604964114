using System.Security.Claims;
using Campaign.ServiceDefaults.Identity;

namespace Campaign.Submission.Entries;

/// <summary>Who may see an entry: its submitter, the members of its group, its organization's administrator, organizers and operators.</summary>
public static class EntryAccess
{
    public static bool CanSee(this ClaimsPrincipal user, Entry entry) =>
        user.IsInRole(Roles.Organizer) || user.IsInRole(Roles.Operator) || user.ActsFor(entry) || entry.Members?.Contains(user.UserId()) == true;

    /// <summary>The entry's own submitter, or the administrator of the organization it belongs to.</summary>
    public static bool ActsFor(this ClaimsPrincipal user, Entry entry) =>
        entry.SubmittedBy == user.UserId()
        || (user.IsInRole(Roles.OrganizationAdministrator) && user.OrganizationId() == entry.OrganizationId);
}
