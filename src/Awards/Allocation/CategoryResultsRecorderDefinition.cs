using MassTransit;

namespace Campaign.Awards.Allocation;

/// <summary>Facts of one category all land in one stream; taking them one at a time avoids a storm of version conflicts.</summary>
public sealed class CategoryResultsRecorderDefinition : ConsumerDefinition<CategoryResultsRecorder>
{
    public CategoryResultsRecorderDefinition() => ConcurrentMessageLimit = 1;
}
