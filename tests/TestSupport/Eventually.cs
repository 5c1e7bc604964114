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
}
