namespace Campaign.Campaigns;

/// <summary>
/// A field of a request is malformed or out of bounds (not a campaign rule): a 400 problem whose
/// <c>errors</c> name the field, in Simplified Chinese unless the caller asks for English.
/// </summary>
public sealed class InvalidInputException(string field, string chinese, string english) : Exception(english)
{
    public string Field { get; } = field;
    public string Chinese { get; } = chinese;
}
