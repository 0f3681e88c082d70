using System.Globalization;
using EdgeAgent.Drivers.Mqtt;

namespace EdgeAgent.Demo;

public static class DemoFloorExtensions
{
    public const int MaxDemoHandhelds = 50;

    /// <summary>What <c>--demo</c> changes: a built-in floor, a free broker port, a fresh store of its own.</summary>
    public static Dictionary<string, string?> DemoDefaults()
    {
        var root = Path.Combine(Path.GetTempPath(), $"edgeagent-demo-{Environment.ProcessId}");
        var central = FreeLoopbackPort().ToString(CultureInfo.InvariantCulture);
        var defaults = new Dictionary<string, string?>
        {
            [$"{DemoOptions.Section}:{nameof(DemoOptions.Enabled)}"] = "true",
            ["Broker:Port"] = "0",
            ["EdgeAgent:ConsoleFormat"] = "Text",
            ["Store:DataDirectory"] = Path.Combine(root, "agent"),
            [$"{DemoOptions.Section}:{nameof(DemoOptions.CentralPort)}"] = central,
            [$"{DemoOptions.Section}:{nameof(DemoOptions.CentralDataDirectory)}"] = Path.Combine(root, "central"),
            [Bridge.BridgeServiceCollectionExtensions.UplinkAddressKey] = $"http://127.0.0.1:{central}",
            ["CloudBridge:Uplink:Token"] = DemoCentral.GatewayToken,
        };
        for (var i = 0; i < MaxDemoHandhelds; i++)
        {
            var device = DemoFloor.DeviceId(i + 1);
            defaults[$"Handhelds:Devices:{i}"] = device;
            defaults[$"Broker:Clients:{device}:Kind"] = "handheld";
            defaults[$"Broker:Clients:{device}:PasswordHash"] = PasswordHash.Create(DemoFloor.Password(device), PasswordHash.MinimumIterations);
        }

        return defaults;
    }

    /// <summary>The demo's central ingress; registered before the bridge so the uplink finds it up.</summary>
    public static IServiceCollection AddDemoCentral(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemoOptions>()
            .Bind(configuration.GetSection(DemoOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHostedService<DemoCentral>();
        return services;
    }

    /// <summary>The demo's pickers; registered after the broker so they connect to a running one.</summary>
    public static IServiceCollection AddDemoFloor(this IServiceCollection services)
    {
        services.AddHostedService<DemoFloor>();
        return services;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static string Two(int n) => n.ToString("00", CultureInfo.InvariantCulture);
}
