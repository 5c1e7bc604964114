using System.Text.Json;
using System.Text.Json.Serialization;

namespace Campaign.Campaigns;

/// <summary>The campaigns this deployment runs side by side, keyed by id.</summary>
public sealed class CampaignCatalog
{
    public const string DefaultCampaignResource = "liaoning-2021.json";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private readonly Dictionary<string, CampaignDefinition> _campaigns;

    public CampaignCatalog(IEnumerable<CampaignDefinition> campaigns)
    {
        _campaigns = new Dictionary<string, CampaignDefinition>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var c in campaigns)
        {
            errors.AddRange(CampaignValidator.Validate(c));
            if (!_campaigns.TryAdd(c.Id, c)) errors.Add($"{c.Id}: id is used by two campaign files");
        }
        if (errors.Count > 0) throw new InvalidCampaignException(errors);
    }

    public IReadOnlyCollection<CampaignDefinition> All => _campaigns.Values;

    public CampaignDefinition? Find(string id) => _campaigns.GetValueOrDefault(id);

    /// <summary>The embedded default campaign plus every <c>*.json</c> in <paramref name="directories"/>: one folder, or
    /// several joined by the path separator as in <c>PATH</c> (the AppHost adds the demo's folder to an operator's own).</summary>
    public static CampaignCatalog Load(string? directories, bool includeDefault = true)
    {
        var campaigns = new List<CampaignDefinition>();
        if (includeDefault) campaigns.Add(LoadDefault());
        foreach (var directory in (directories ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            campaigns.AddRange(Directory.GetFiles(directory, "*.json").Order().Select(f => Parse(File.ReadAllText(f), f)));
        return new CampaignCatalog(campaigns);
    }

    public static CampaignDefinition LoadDefault()
    {
        using var stream = typeof(CampaignCatalog).Assembly.GetManifestResourceStream(DefaultCampaignResource)
            ?? throw new InvalidOperationException($"embedded {DefaultCampaignResource} is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), DefaultCampaignResource);
    }

    public static CampaignDefinition Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<CampaignDefinition>(json, Json)
                ?? throw new InvalidCampaignException([$"{source}: the file is empty"]);
        }
        catch (JsonException e)
        {
            throw new InvalidCampaignException([$"{source}: {e.Path} {e.Message}"]);
        }
    }
}

public sealed class InvalidCampaignException(IReadOnlyList<string> errors)
    : Exception("Invalid campaign definition:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
