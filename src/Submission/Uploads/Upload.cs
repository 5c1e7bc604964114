namespace Campaign.Submission.Uploads;

/// <summary>
/// A resumable upload (tus 1.0). Its bytes live in a part file whose length is the offset; when
/// the last byte arrives the file moves into the content-addressed media store and
/// <see cref="Sha256"/> names it. A <see cref="Partial"/> upload (tus concatenation) stays a part file
/// until a final upload joins it with its siblings; a final upload names its <see cref="Parts"/>.
/// </summary>
public sealed record Upload(
    Guid Id,
    string CampaignId,
    string CategoryId,
    string FileName,
    long Length,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    string? Sha256 = null,
    bool Partial = false,
    IReadOnlyList<Guid>? Parts = null)
{
    public bool Completed => Sha256 is not null;
}

public sealed class UploadOptions
{
    /// <summary>Where part files live; on the media store's file system, so finishing is a rename.</summary>
    public string Root { get; set; } = "";
    /// <summary>An upload not finished within this time is removed with its bytes.</summary>
    public TimeSpan ExpireAfter { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromMinutes(10);

    public string PartFile(Guid id) => Path.Combine(Root, $"{id:N}.part");
}
