using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Campaign.ServiceDefaults.EventStore;

/// <summary>
/// One database per service: creates it on the shared server before Marten builds its schema,
/// waiting for the server while it starts.
/// </summary>
internal sealed class DatabaseCreator(string connectionString) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
                await connection.OpenAsync(ct);
                await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection)
                    { Parameters = { new() { Value = target.Database } } };
                if (await exists.ExecuteScalarAsync(ct) is null)
                {
                    await using var create = new NpgsqlCommand($"create database \"{target.Database!.Replace("\"", "\"\"")}\"", connection);
                    await create.ExecuteNonQueryAsync(ct);
                }
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && attempt < 60)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}
