using System.Buffers;
using System.Security.Cryptography;
using System.Threading.Channels;

namespace Campaign.Submission.Uploads;

/// <summary>
/// Feeds copies of received bytes to hashes on a worker, in order, while the request goes on
/// reading the socket: SHA-256 (~1.6 GB/s a core) leaves the upload's critical path. At most
/// <see cref="Depth"/> buffers (each at most Kestrel's 1 MB request buffer) wait at once.
/// </summary>
public sealed class BackgroundHashing
{
    private const int Depth = 8;
    private readonly Channel<(byte[] Bytes, int Length)> queue =
        Channel.CreateBounded<(byte[], int)>(new BoundedChannelOptions(Depth) { SingleReader = true, SingleWriter = true });
    private readonly Task worker;

    public BackgroundHashing(params IncrementalHash?[] hashes)
    {
        var targets = hashes.OfType<IncrementalHash>().ToArray();
        worker = targets.Length == 0 ? Task.CompletedTask : Task.Run(async () =>
        {
            await foreach (var (bytes, length) in queue.Reader.ReadAllAsync())
            {
                foreach (var hash in targets) hash.AppendData(bytes, 0, length);
                ArrayPool<byte>.Shared.Return(bytes);
            }
        });
        if (targets.Length == 0) queue.Writer.Complete();
    }

    public ValueTask AddAsync(ReadOnlySequence<byte> data)
    {
        if (worker.IsCompleted || data.IsEmpty) return ValueTask.CompletedTask;
        var bytes = ArrayPool<byte>.Shared.Rent((int)data.Length);
        data.CopyTo(bytes);
        return queue.Writer.WriteAsync((bytes, (int)data.Length));
    }

    /// <summary>Waits until every byte added so far is in the hashes.</summary>
    public async Task CompleteAsync()
    {
        queue.Writer.TryComplete();
        await worker;
    }
}
