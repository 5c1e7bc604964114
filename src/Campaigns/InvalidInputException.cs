namespace Campaign.Campaigns;

/// <summary>
/// A field of a request is malformed or out of bounds (not a campaign rule): a 400 problem whose
/// <c>errors</c> name the field.
/// </summary>
public sealed class InvalidInputException(string field, string chinese, string english) : Refusal(400, chinese, english)
{
    public string Field { get; } = field;

    /// <summary>The list as given, refusing a null item (a JSON reader checks a field's nullability, not its items').</summary>
    public static IReadOnlyList<T> NoNulls<T>(IReadOnlyList<T>? items, string field) where T : class
    {
        if (items is null) return [];
        for (var i = 0; i < items.Count; i++)
            if (items[i] is null) throw new InvalidInputException($"{field}[{i}]", $"{field}[{i}]不能为空。", $"{field}[{i}] cannot be null.");
        return items;
    }
}
