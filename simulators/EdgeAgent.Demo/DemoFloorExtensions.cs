using System.Globalization;
using EdgeAgent.Drivers.Mqtt;

namespace EdgeAgent.Demo;

public static class DemoFloorExtensions
{
    public const int MaxDemoHandhelds = 50;

    /// <summary>The demo's operator tokens (<c>Authorization: Bearer …</c>): demo only, known to anyone who reads this.</summary>
    public const string SupervisorToken = "demo-supervisor-token";

    public const string AdminToken = "demo-admin-token";

    /// <summary>The demo's console passwords (<c>/signin</c>): demo only, known to anyone who reads this.</summary>
    public const string ViewerPassword = "demo-viewer-password";

    public const string SupervisorPassword = "demo-supervisor-password";

    public const string AdminPassword = "demo-admin-password";

    /// <summary>The demo's configuration: the supervisor page on 5080, a free broker port, a fresh store of its own, a conveyor on the simulated chip.</summary>
    public static Dictionary<string, string?> DemoDefaults()
    {
        var root = Path.Combine(Path.GetTempPath(), $"edgeagent-demo-{Environment.ProcessId}");
        var central = FreeLoopbackPort().ToString(CultureInfo.InvariantCulture);
        var defaults = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:5080",
            ["Broker:Port"] = "0",
            ["EdgeAgent:ConsoleFormat"] = "Text",
            ["Store:DataDirectory"] = Path.Combine(root, "agent"),
            [$"{DemoOptions.Section}:{nameof(DemoOptions.CentralPort)}"] = central,
            [$"{DemoOptions.Section}:{nameof(DemoOptions.CentralDataDirectory)}"] = Path.Combine(root, "central"),
            [Bridge.BridgeServiceCollectionExtensions.UplinkAddressKey] = $"http://127.0.0.1:{central}",
            ["CloudBridge:Uplink:Token"] = DemoCentral.GatewayToken,
            // The demo's passwords are public anyway: the least cost the options allow keeps its start quick.
            ["People:PasswordIterations"] = "10000",
        };
        AddConveyor(defaults);
        AddPickerProfiles(defaults);
        defaults["Governance:Operators:demo-supervisor:Role"] = "Supervisor";
        defaults["Governance:Operators:demo-supervisor:TokenHash"] = PasswordHash.Create(SupervisorToken, PasswordHash.MinimumIterations);
        defaults["Governance:Operators:demo-admin:Role"] = "Admin";
        defaults["Governance:Operators:demo-admin:TokenHash"] = PasswordHash.Create(AdminToken, PasswordHash.MinimumIterations);
        for (var i = 0; i < MaxDemoHandhelds; i++)
        {
            var device = DemoFloor.DeviceId(i + 1);
            defaults[$"Handhelds:Devices:{i}"] = device;
            defaults[$"Broker:Clients:{device}:Kind"] = "handheld";
            defaults[$"Broker:Clients:{device}:PasswordHash"] = PasswordHash.Create(DemoFloor.Password(device), PasswordHash.MinimumIterations);
        }

        return defaults;
    }

    /// <summary>The demo's central ingress and printers; registered before the bridge and the conveyor so they find them up.</summary>
    public static IServiceCollection AddDemoCentral(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemoOptions>()
            .Bind(configuration.GetSection(DemoOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHostedService<DemoCentral>();
        services.AddSingleton<DemoPrinters>();
        services.AddHostedService(sp => sp.GetRequiredService<DemoPrinters>());
        return services;
    }

    /// <summary>The demo's pickers and conveyor; registered after the broker and the line so they find them running.</summary>
    public static IServiceCollection AddDemoFloor(this IServiceCollection services)
    {
        services.AddHostedService<DemoPeople>();
        services.AddHostedService<DemoFloor>();
        services.AddHostedService<DemoConveyor>();
        services.AddHostedService<DemoHandheldScreen>();
        return services;
    }

    /// <summary>A conveyor segment on a simulated GPIO chip: one photo-eye, a stack light, two printers, one scanner.</summary>
    private static void AddConveyor(Dictionary<string, string?> defaults)
    {
        string[] printers = [Port(FreeLoopbackPort()), Port(FreeLoopbackPort())];
        defaults["Conveyor:Enabled"] = "true";
        defaults["Conveyor:Gpio"] = "Simulated";
        defaults["Conveyor:PrinterPollMs"] = "1000";
        for (var i = 0; i < printers.Length; i++)
        {
            defaults[$"Demo:PrinterPorts:{i}"] = printers[i];
            defaults[$"Conveyor:Printers:{i}:Id"] = $"zebra-{i + 1}";
            defaults[$"Conveyor:Printers:{i}:Host"] = "127.0.0.1";
            defaults[$"Conveyor:Printers:{i}:Port"] = printers[i];
        }

        defaults["Conveyor:PinMap:Inputs:0:Name"] = "pe-infeed";
        defaults["Conveyor:PinMap:Inputs:0:Role"] = "PhotoEye";
        defaults["Conveyor:PinMap:Inputs:0:Pin"] = Port(DemoConveyor.PhotoEyePin);
        defaults["Conveyor:PinMap:StackLights:0:Name"] = "line-1";
        defaults["Conveyor:PinMap:StackLights:0:RedPin"] = "10";
        defaults["Conveyor:PinMap:StackLights:0:AmberPin"] = "11";
        defaults["Conveyor:PinMap:StackLights:0:GreenPin"] = "12";
        defaults["Conveyor:PinMap:StackLights:0:BuzzerPin"] = "13";
        defaults["Conveyor:FaultLight"] = "line-1";
        defaults[$"Broker:Clients:{DemoConveyor.ScannerId}:Kind"] = "scanner";
        defaults[$"Broker:Clients:{DemoConveyor.ScannerId}:PasswordHash"] = PasswordHash.Create(DemoConveyor.Password(DemoConveyor.ScannerId), PasswordHash.MinimumIterations);
    }

    /// <summary>Odd badges work aisles A-C; even badges go anywhere and are trained for the cold aisle D.</summary>
    private static void AddPickerProfiles(Dictionary<string, string?> defaults)
    {
        for (var n = 1; n <= MaxDemoHandhelds; n++)
        {
            var profile = $"Pickers:Profiles:P-{Two(n)}";
            if (n % 2 == 1)
            {
                defaults[$"{profile}:Zones:0"] = "A";
                defaults[$"{profile}:Zones:1"] = "B";
                defaults[$"{profile}:Zones:2"] = "C";
            }
            else
            {
                defaults[$"{profile}:Skills:0"] = "cold";
            }
        }
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static string Two(int n) => n.ToString("00", CultureInfo.InvariantCulture);
}
