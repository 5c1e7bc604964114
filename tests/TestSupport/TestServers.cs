using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace Campaign.TestSupport;

/// <summary>
/// The real PostgreSQL and RabbitMQ the tests run against: the servers <c>scripts/test.sh</c>
/// started (named by <c>CAMPAIGN_TEST_*</c> variables), else Testcontainers where a Docker engine
/// answers. Each test fixture gets its own database and its own RabbitMQ virtual host, so tests
/// running side by side never see each other's data or messages.
/// </summary>
public sealed class TestServers
{
    private static readonly Lazy<Task<TestServers>> Shared = new(StartAsync);

    private TestServers(string postgres, Uri rabbitMq, Uri management)
    {
        Postgres = postgres;
        RabbitMq = rabbitMq;
        Management = management;
    }

    /// <summary>A connection string without a database.</summary>
    public string Postgres { get; }
    public Uri RabbitMq { get; }
    public Uri Management { get; }

    public static Task<TestServers> GetAsync() => Shared.Value;

    public string NewDatabase(string name) =>
        new NpgsqlConnectionStringBuilder(Postgres) { Database = $"t_{name}_{Guid.NewGuid():N}"[..40] }.ConnectionString;

    /// <summary>A fresh virtual host; the returned amqp:// URI names it.</summary>
    public async Task<Uri> NewVirtualHostAsync()
    {
        var vhost = $"t-{Guid.NewGuid():N}";
        using var http = new HttpClient { BaseAddress = Management };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(RabbitMq.UserInfo)));
        (await http.PutAsync($"api/vhosts/{vhost}", null)).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"api/permissions/{vhost}/{RabbitMq.UserInfo.Split(':')[0]}",
            new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        return new UriBuilder(RabbitMq) { Path = "/" + vhost }.Uri;
    }

    /// <summary>Messages waiting in a queue of a virtual host, as the management API reports them (it lags by a few seconds).</summary>
    public async Task<long> MessagesInQueueAsync(Uri virtualHost, string queue)
    {
        using var http = new HttpClient { BaseAddress = Management };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(RabbitMq.UserInfo)));
        var response = await http.GetAsync($"api/queues/{virtualHost.AbsolutePath.Trim('/')}/{queue}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return 0;
        var body = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return body.TryGetProperty("messages", out var messages) ? messages.GetInt64() : 0;
    }

    private static async Task<TestServers> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("CAMPAIGN_TEST_POSTGRES") is { Length: > 0 } postgres
            && Environment.GetEnvironmentVariable("CAMPAIGN_TEST_RABBITMQ") is { Length: > 0 } rabbit
            && Environment.GetEnvironmentVariable("CAMPAIGN_TEST_RABBITMQ_MANAGEMENT") is { Length: > 0 } management)
            return new TestServers(postgres, new Uri(rabbit), new Uri(management));

        if (!Campaign.AppHost.DockerEngine.Answers())
            throw new InvalidOperationException(
                "No test servers: run the tests with scripts/test.sh (it starts PostgreSQL and RabbitMQ), or where a Docker engine runs.");

        var pg = new PostgreSqlBuilder("postgres:15").WithCommand("-c", "max_connections=400").Build();
        var mq = new RabbitMqBuilder("rabbitmq:3-management").WithUsername("guest").WithPassword("guest").WithPortBinding(15672, true).Build();
        await Task.WhenAll(pg.StartAsync(), mq.StartAsync());
        var pgBuilder = new NpgsqlConnectionStringBuilder(pg.GetConnectionString()) { Database = null };
        return new TestServers(pgBuilder.ConnectionString, new Uri(mq.GetConnectionString()),
            new Uri($"http://{mq.Hostname}:{mq.GetMappedPublicPort(15672)}/"));
    }
}
