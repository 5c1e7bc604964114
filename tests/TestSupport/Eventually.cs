namespace Campaign.TestSupport;

public static class Eventually
{
    /// <summary>Polls until <paramref name="probe"/> returns a value, for work that happens behind a queue.</summary>
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null) where T : class
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > until) throw new TimeoutException($"{what} did not happen within {timeout ?? TimeSpan.FromSeconds(30)}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// How long a negative check watches: longer than the outbox's slowest poll (Marten's daemon polls every second when
    /// idle and waits up to 3 s for a stale sequence) plus the broker's delivery, so what was going to arrive would have.
    /// </summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(6);

    /// <summary>Watches for <see cref="QuietPeriod"/> that <paramref name="happened"/> stays false.</summary>
    public static async Task NeverAsync(Func<bool> happened, string what)
    {
        var until = DateTime.UtcNow + QuietPeriod;
        while (DateTime.UtcNow < until)
        {
            if (happened()) throw new Xunit.Sdk.XunitException($"{what} happened");
            await Task.Delay(100);
        }
    }
}
