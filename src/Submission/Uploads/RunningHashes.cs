using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Campaign.Submission.Uploads;

/// <summary>
/// The SHA-256 of each upload, computed as its bytes arrive, so finishing a 300 MB upload does
/// not read the file again. Kept in memory only while the next PATCH continues where the last
/// ended on this instance; after a restart, on another replica, or after a discarded chunk, the
/// file is hashed when it completes instead.
/// </summary>
public sealed class RunningHashes
{
    private readonly ConcurrentDictionary<Guid, (long Offset, IncrementalHash Hash)> _hashes = new();

    public IncrementalHash? Resume(Guid upload, long offset)
    {
        if (offset == 0) { Forget(upload); return IncrementalHash.CreateHash(HashAlgorithmName.SHA256); }
        return _hashes.TryRemove(upload, out var kept) && kept.Offset == offset ? kept.Hash : Dispose(kept.Hash);
    }

    public void Keep(Guid upload, long offset, IncrementalHash? hash)
    {
        if (hash is not null) _hashes[upload] = (offset, hash);
    }

    public void Forget(Guid upload)
    {
        if (_hashes.TryRemove(upload, out var kept)) kept.Hash.Dispose();
    }

    /// <summary>The hex SHA-256 when the running hash covers all <paramref name="length"/> bytes, else null.</summary>
    public string? Finish(Guid upload, long length)
    {
        if (!_hashes.TryRemove(upload, out var kept)) return null;
        using var hash = kept.Hash;
        return kept.Offset == length ? Convert.ToHexStringLower(hash.GetHashAndReset()) : null;
    }

    private static IncrementalHash? Dispose(IncrementalHash? hash)
    {
        hash?.Dispose();
        return null;
    }
}
