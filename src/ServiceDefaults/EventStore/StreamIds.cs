using System.Security.Cryptography;
using System.Text;

namespace Campaign.ServiceDefaults.EventStore;

public static class StreamIds
{
    /// <summary>A stable stream id for a category of a campaign (its panel, its allocation…).</summary>
    public static Guid ForCategory(string campaignId, string categoryId) =>
        new(MD5.HashData(Encoding.UTF8.GetBytes($"{campaignId}/{categoryId}")));
}
