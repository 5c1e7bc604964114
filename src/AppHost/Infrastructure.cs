using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Campaign.AppHost;

/// <summary>
/// PostgreSQL and RabbitMQ for the services, one of three ways: servers named in configuration
/// (<c>Infrastructure:Postgres</c>, <c>Infrastructure:RabbitMq</c>); containers when a Docker engine
/// answers; otherwise the machine's own server binaries run as child processes with their data under
/// the repository's ignored <c>.data/</c> folder. One database per service on one server.
/// </summary>
public sealed class Infrastructure
{
    private readonly Action<IResourceBuilder<ProjectResource>, string> _connect;

    private Infrastructure(Action<IResourceBuilder<ProjectResource>, string> connect) => _connect = connect;

    public void Connect(IResourceBuilder<ProjectResource> project, string database) => _connect(project, database);

    public static Infrastructure Add(IDistributedApplicationBuilder builder)
    {
        var config = builder.Configuration.GetSection("Infrastructure");
        var prefix = config["DatabasePrefix"] ?? "";
        if (config["Postgres"] is { Length: > 0 } postgres && config["RabbitMq"] is { Length: > 0 } rabbit)
            return new((project, db) => project
                .WithEnvironment($"ConnectionStrings__{db}", postgres + $";Database={prefix}{db}")
                .WithEnvironment("ConnectionStrings__rabbitmq", rabbit));

        return config.GetValue("UseContainers", DockerEngine.Answers()) ? Containers(builder, prefix) : LocalProcesses(builder, config, prefix);
    }

    private static Infrastructure Containers(IDistributedApplicationBuilder builder, string prefix)
    {
        var postgres = builder.AddPostgres("postgres").WithDataVolume();
        var rabbit = builder.AddRabbitMQ("rabbitmq").WithManagementPlugin();
        return new((project, db) =>
        {
            var database = postgres.AddDatabase(db, $"{prefix}{db}");
            project.WithReference(database).WithReference(rabbit).WaitFor(database).WaitFor(rabbit);
        });
    }

    private static Infrastructure LocalProcesses(IDistributedApplicationBuilder builder, IConfiguration config, string prefix)
    {
        var root = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".."));
        var data = Path.GetFullPath(config["DataDirectory"] ?? Path.Combine(root, ".data", "platform"));
        var pgPort = config.GetValue("PostgresPort", 5433);
        var amqpPort = config.GetValue("RabbitMqPort", 5673);
        var managementPort = config.GetValue("RabbitMqManagementPort", 15673);
        var distributionPort = config.GetValue("RabbitMqDistributionPort", 25673);

        var management = $"http://127.0.0.1:{managementPort}";
        var postgres = builder.AddExecutable("postgres", "bash", root,
                Path.Combine(root, "scripts", "local-postgres.sh"), Path.Combine(data, "postgres"), pgPort.ToString())
            .WithHealthCheck(TcpCheck(builder, "postgres-port", pgPort));
        var rabbit = builder.AddExecutable("rabbitmq", "bash", root,
                Path.Combine(root, "scripts", "local-rabbitmq.sh"), Path.Combine(data, "rabbitmq"), amqpPort.ToString(), managementPort.ToString(), distributionPort.ToString())
            .WithHealthCheck(TcpCheck(builder, "rabbitmq-port", amqpPort))
            .WithUrl(management, "RabbitMQ management (guest/guest)");

        var server = $"Host=127.0.0.1;Port={pgPort};Username=postgres";
        var amqp = $"amqp://guest:guest@127.0.0.1:{amqpPort}/";
        return new((project, db) => project
            .WithEnvironment($"ConnectionStrings__{db}", server + $";Database={prefix}{db}")
            .WithEnvironment("ConnectionStrings__rabbitmq", amqp)
            .WaitFor(postgres).WaitFor(rabbit));
    }

    private static string TcpCheck(IDistributedApplicationBuilder builder, string name, int port)
    {
        builder.Services.AddHealthChecks().AddAsyncCheck(name, async ct =>
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, ct);
                return HealthCheckResult.Healthy();
            }
            catch (SocketException e)
            {
                return HealthCheckResult.Unhealthy($"nothing listens on {port} yet", e);
            }
        });
        return name;
    }
}
