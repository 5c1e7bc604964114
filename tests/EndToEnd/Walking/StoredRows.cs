using Npgsql;

namespace Campaign.EndToEnd.Walking;

/// <summary>Rows in the Marten tables of a service's database: its events and every document table.</summary>
public static class StoredRows
{
    /// <summary>Rows per table, over several databases, each named by its schema (the service's) and table.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> CountAsync(IEnumerable<(string Name, string ConnectionString)> databases)
    {
        var all = new Dictionary<string, long>();
        foreach (var (name, connectionString) in databases)
            foreach (var (table, rows) in await CountAsync(connectionString))
                all[table.StartsWith($"{name}.", StringComparison.Ordinal) ? table : $"{name}: {table}"] = rows;
        return all;
    }

    private static async Task<IReadOnlyDictionary<string, long>> CountAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            """
            select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables
            where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
              and (table_name = 'mt_events' or table_name like 'mt\_doc\_%')
            order by 1
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        if (tables.Count == 0) return new Dictionary<string, long>();

        var counts = new Dictionary<string, long>();
        await using var count = new NpgsqlCommand(string.Join(" union all ", tables.Select(t => $"select '{t}', count(*) from {t}")), connection);
        await using var rows = await count.ExecuteReaderAsync();
        while (await rows.ReadAsync()) counts[rows.GetString(0)] = rows.GetInt64(1);
        return counts;
    }

    /// <summary>
    /// The counts once they stop moving: what a request caused goes on through the bus to the other
    /// services, and an earlier test's work may still be landing when the walk starts.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, long>> SettledAsync(IEnumerable<(string Name, string ConnectionString)> databases, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        var last = await CountAsync(databases);
        while (DateTime.UtcNow < until)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            var now = await CountAsync(databases);
            if (Changes(last, now).Count == 0) return now;
            last = now;
        }
        return last;
    }

    public static List<string> Changes(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        before.Keys.Union(after.Keys)
            .Select(table => (table, was: before.GetValueOrDefault(table), @is: after.GetValueOrDefault(table)))
            .Where(c => c.was != c.@is)
            .Select(c => $"{c.table} {c.was} → {c.@is} rows")
            .ToList();
}
