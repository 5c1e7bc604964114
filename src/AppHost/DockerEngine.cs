using System.Net.Sockets;

namespace Campaign.AppHost;

/// <summary>
/// Whether a Docker engine answers here: <c>DOCKER_HOST</c> names a remote one, or its Unix socket
/// (the one <c>DOCKER_HOST</c> names, else <c>/var/run/docker.sock</c>) accepts a connection. The
/// AppHost then runs PostgreSQL and RabbitMQ as containers; the tests then use Testcontainers. The
/// test support links this file rather than keeping a second probe.
/// </summary>
public static class DockerEngine
{
    public static bool Answers()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (host is { Length: > 0 } && !host.StartsWith("unix://", StringComparison.Ordinal)) return true;
        var socket = host is { Length: > 0 } ? host["unix://".Length..] : "/var/run/docker.sock";
        if (!File.Exists(socket)) return false;
        try
        {
            using var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            s.Connect(new UnixDomainSocketEndPoint(socket));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
