using Npgsql;

namespace Campaign.EndToEnd.Walking;

/// <summary>What a table holds: its number of rows and a digest of their contents, so that a row changed in place shows too.</summary>
public readonly record struct TableState(long Rows, string Digest)
{
    /// <summary>A table not created yet holds what an empty one does: Marten creates tables on first use, a read may do it.</summary>
    public static readonly TableState Empty = new(0, "");
}

/// <summary>Rows in the Marten tables of a service's database: its events and every document table.</summary>
public static class StoredRows
{
    /// <summary>Rows and their digest per table, over several databases, each named by its schema (the service's) and table.</summary>
    public static async Task<IReadOnlyDictionary<string, TableState>> ReadAsync(IEnumerable<(string Name, string ConnectionString)> databases)
    {
        var all = new Dictionary<string, TableState>();
        foreach (var (name, connectionString) in databases)
            foreach (var (table, rows) in await ReadAsync(connectionString))
                all[table.StartsWith($"{name}.", StringComparison.Ordinal) ? table : $"{name}: {table}"] = rows;
        return all;
    }

    private static async Task<IReadOnlyDictionary<string, TableState>> ReadAsync(string connectionString)
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
        if (tables.Count == 0) return new Dictionary<string, TableState>();

        // Each row's text (every column: data, version, last modified) hashed, the hashes in order, hashed again.
        var counts = new Dictionary<string, TableState>();
        await using var count = new NpgsqlCommand(string.Join(" union all ", tables.Select(t =>
            $"select '{t}', count(*), coalesce(md5(string_agg(h, '' order by h)), '') from (select md5(r::text) h from {t} r) x")), connection);
        await using var rows = await count.ExecuteReaderAsync();
        while (await rows.ReadAsync()) counts[rows.GetString(0)] = new(rows.GetInt64(1), rows.GetString(2));
        return counts;
    }

    /// <summary>
    /// The counts once they stop moving: what a request caused goes on through the bus to the other
    /// services, and an earlier test's work may still be landing when the walk starts.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, TableState>> SettledAsync(IEnumerable<(string Name, string ConnectionString)> databases, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        var last = await ReadAsync(databases);
        while (DateTime.UtcNow < until)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            var now = await ReadAsync(databases);
            if (Changes(last, now).Count == 0) return now;
            last = now;
        }
        return last;
    }

    public static List<string> Changes(IReadOnlyDictionary<string, TableState> before, IReadOnlyDictionary<string, TableState> after) =>
        before.Keys.Union(after.Keys)
            .Select(table => (table, was: before.GetValueOrDefault(table, TableState.Empty), @is: after.GetValueOrDefault(table, TableState.Empty)))
            .Where(c => c.was != c.@is)
            .Select(c => c.was.Rows != c.@is.Rows ? $"{c.table} {c.was.Rows} → {c.@is.Rows} rows" : $"{c.table}: {c.@is.Rows} rows, a row changed in place")
            .ToList();
}
