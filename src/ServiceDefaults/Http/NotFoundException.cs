namespace Campaign.ServiceDefaults.Http;

/// <summary>What the caller asked for does not exist, or is not theirs to see: a 404 problem.</summary>
public sealed class NotFoundException(string chinese, string english) : Exception(english)
{
    public string Chinese { get; } = chinese;

    public static NotFoundException Entry() => new("作品不存在。", "Entry not found.");
}
