namespace Campaign.ServiceDefaults.Messaging;

/// <summary>An amqp:// URI as the broker's clients need it: host, port, virtual host (the path), user and password.</summary>
public static class AmqpAddress
{
    public static (string Host, ushort Port, string VirtualHost, string User, string Password) Parse(Uri uri)
    {
        var credentials = Uri.UnescapeDataString(uri.UserInfo).Split(':', 2);
        var vhost = uri.AbsolutePath.Trim('/') is { Length: > 0 } v ? Uri.UnescapeDataString(v) : "/";
        return (uri.Host, (ushort)(uri.IsDefaultPort ? 5672 : uri.Port), vhost, credentials[0], credentials.ElementAtOrDefault(1) ?? "");
    }
}
