using System.IO.Pipelines;
using System.Security.Cryptography;
using Campaign.Submission.Uploads;

namespace Campaign.Submission.Tests;

/// <summary>A PATCH body reaching its part file: written where it belongs and hashed exactly, however it is cut.</summary>
public sealed class AppendingToAPartFile : IDisposable
{
    private readonly string _file = Path.GetTempFileName();

    public void Dispose() => File.Delete(_file);

    [Theory]
    [InlineData(1000, 256 * 1024)]     // the whole body is smaller than one batch
    [InlineData(700_001, 64 * 1024)]   // many batches and a ragged end
    [InlineData(700_001, 0)]           // every read written at once
    public async Task Given_a_body_in_small_pieces_When_it_is_appended_Then_the_file_and_both_hashes_hold_exactly_its_bytes(int length, int batch)
    {
        var head = RandomNumberGenerator.GetBytes(100);
        var body = RandomNumberGenerator.GetBytes(length);
        await File.WriteAllBytesAsync(_file, head);
        using var chunk = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var running = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        running.AppendData(head);

        var appended = await AppendAsync(body, length, batch, chunk, running);

        Assert.Equal(new PartFile.Appended(length, TooLong: false), appended);
        var written = await File.ReadAllBytesAsync(_file);
        Assert.Equal(head.Concat(body).ToArray(), written);
        Assert.Equal(SHA256.HashData(body), chunk.GetHashAndReset());
        Assert.Equal(SHA256.HashData(written), running.GetHashAndReset());
    }

    [Fact]
    public async Task Given_a_body_longer_than_what_remains_When_it_is_appended_Then_it_is_too_long()
    {
        await File.WriteAllBytesAsync(_file, []);

        var appended = await AppendAsync(RandomNumberGenerator.GetBytes(5000), remaining: 4999, batch: 1024, null, null);

        Assert.True(appended.TooLong);
    }

    private async Task<PartFile.Appended> AppendAsync(byte[] body, long remaining, int batch, IncrementalHash? chunk, IncrementalHash? running)
    {
        var pipe = new Pipe();
        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < body.Length; i += 4096) await pipe.Writer.WriteAsync(body.AsMemory(i, Math.Min(4096, body.Length - i)));
            await pipe.Writer.CompleteAsync();
        });
        using var part = File.OpenHandle(_file, FileMode.Open, FileAccess.ReadWrite, FileShare.None, FileOptions.Asynchronous);
        var appended = await PartFile.AppendAsync(pipe.Reader, part, RandomAccess.GetLength(part), remaining, batch, chunk, running, CancellationToken.None);
        await pipe.Reader.CompleteAsync();
        await sending;
        return appended;
    }
}
