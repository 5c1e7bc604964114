using System.Diagnostics;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Campaign.Load.Bench;

/// <summary>What the broker and the database do on their own on this machine, in this run: the ceilings the platform stands against.</summary>
public static class Ceilings
{
    /// <summary>Persistent messages published with confirms and consumed with acknowledgements, per second, end to end.</summary>
    public static async Task<double> RabbitMqAsync(Uri vhost, int messages)
    {
        var factory = new ConnectionFactory { Uri = vhost };
        await using var connection = await factory.CreateConnectionAsync();
        await using var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await using var consumer = await connection.CreateChannelAsync();
        var queue = (await consumer.QueueDeclareAsync($"ceiling-{Guid.NewGuid():N}", durable: true, exclusive: false, autoDelete: true)).QueueName;
        await consumer.BasicQosAsync(0, 200, false);
        var received = 0;
        var done = new TaskCompletionSource();
        var handler = new AsyncEventingBasicConsumer(consumer);
        handler.ReceivedAsync += async (_, delivery) =>
        {
            await consumer.BasicAckAsync(delivery.DeliveryTag, false);
            if (Interlocked.Increment(ref received) == messages) done.TrySetResult();
        };
        await consumer.BasicConsumeAsync(queue, autoAck: false, handler);
        var body = new byte[600]; // about the size of an EntrySubmitted envelope
        var properties = new BasicProperties { Persistent = true };
        var clock = Stopwatch.StartNew();
        // Confirms awaited in windows of 100, as a publisher that keeps a little in flight does.
        for (var sent = 0; sent < messages; sent += 100)
            await Task.WhenAll(Enumerable.Range(0, Math.Min(100, messages - sent))
                .Select(_ => publisher.BasicPublishAsync("", queue, false, properties, body).AsTask()));
        await done.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return messages / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Rows appended to a plain table per second, in transactions of <paramref name="rowsPerTransaction"/> rows from <paramref name="connections"/> connections.</summary>
    public static async Task<double> PostgresAsync(string connectionString, int rows, int rowsPerTransaction, int connections)
    {
        var table = $"ceiling_{Guid.NewGuid():N}"[..24];
        await using (var setup = new NpgsqlConnection(connectionString))
        {
            await setup.OpenAsync();
            await new NpgsqlCommand($"create table {table} (id uuid primary key, stream uuid not null, data jsonb not null, at timestamptz not null default now())", setup).ExecuteNonQueryAsync();
        }
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            for (var done = 0; done < rows / connections; done += rowsPerTransaction)
            {
                await using var transaction = await connection.BeginTransactionAsync();
                var batch = new NpgsqlBatch(connection, transaction);
                for (var i = 0; i < rowsPerTransaction; i++)
                {
                    var command = new NpgsqlBatchCommand($"insert into {table} (id, stream, data) values ($1, $2, $3::jsonb)");
                    command.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
                    command.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
                    command.Parameters.Add(new NpgsqlParameter { Value = """{"title":"炉火映初心","organizationId":"city-a","port":"organization"}""" });
                    batch.BatchCommands.Add(command);
                }
                await batch.ExecuteNonQueryAsync();
                await transaction.CommitAsync();
            }
        }));
        return rows / clock.Elapsed.TotalSeconds;
    }
}
