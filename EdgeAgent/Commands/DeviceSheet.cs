using EdgeAgent.Broker;
using EdgeAgent.Configuration;

namespace EdgeAgent.Commands;

/// <summary>What to set on each new device: where the broker is, how to log in, and its topics.</summary>
internal static class DeviceSheet
{
    public static void Write(TextWriter output, IReadOnlyList<NewDevice> devices, AgentOptions site, BrokerOptions broker, string? host)
    {
        var external = broker.Mode == BrokerMode.External;
        var (port, tls) = external
            ? (broker.Port, broker.Tls)
            : broker.TlsPort is { } tlsPort ? (tlsPort, true) : (broker.Port, false);
        host ??= external ? broker.Host : broker.BindAddress is "0.0.0.0" or "::" ? "<this gateway's address>" : broker.BindAddress;
        output.WriteLine("# Set on each device (the passwords are shown only here, once; they are not stored anywhere in clear):");
        foreach (var device in devices)
        {
            output.WriteLine();
            output.WriteLine($"[{device.Id}]");
            output.WriteLine($"  broker host    {host}");
            output.WriteLine($"  broker port    {port}");
            output.WriteLine($"  TLS            {(tls ? "on (trust the site's CA certificate)" : "off")}");
            output.WriteLine($"  MQTT version   5 (3.1.1 works too)");
            output.WriteLine($"  client id      {device.Id}");
            output.WriteLine($"  user name      {device.Id}");
            output.WriteLine($"  password       {device.Password}");
            output.WriteLine($"  topic prefix   dc/{site.Site}/{device.Kind.Name}/{device.Id}/");
            output.WriteLine($"  publishes      {device.Kind.Publishes}");
            output.WriteLine($"  subscribes     {device.Kind.Reads}");
        }

        if (external)
        {
            output.WriteLine();
            output.WriteLine("# The site runs its own broker (Broker:Mode External): it checks the passwords, not the agent. On the broker host,");
            output.WriteLine("# for each device, type its password when asked:");
            foreach (var device in devices)
            {
                output.WriteLine($"mosquitto_passwd /etc/mosquitto/edgeagent.passwd {device.Id}");
            }

            output.WriteLine("systemctl reload mosquitto");
        }
    }
}
