using System.Globalization;

namespace EdgeAgent.Demo;

public static class DemoFloorExtensions
{
    public const int MaxDemoHandhelds = 50;

    /// <summary>What <c>--demo</c> changes: a built-in floor, a free broker port, a fresh store of its own.</summary>
    public static Dictionary<string, string?> DemoDefaults()
    {
        var defaults = new Dictionary<string, string?>
        {
            [$"{DemoOptions.Section}:{nameof(DemoOptions.Enabled)}"] = "true",
            ["Broker:Port"] = "0",
            ["EdgeAgent:ConsoleFormat"] = "Text",
            ["Store:DataDirectory"] = Path.Combine(Path.GetTempPath(), $"edgeagent-demo-{Environment.ProcessId}"),
        };
        for (var i = 0; i < MaxDemoHandhelds; i++)
        {
            defaults[$"Handhelds:Devices:{i}"] = DemoFloor.DeviceId(i + 1);
        }

        return defaults;
    }

    public static IServiceCollection AddDemoFloor(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemoOptions>()
            .Bind(configuration.GetSection(DemoOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHostedService<DemoFloor>();
        return services;
    }

    internal static string Two(int n) => n.ToString("00", CultureInfo.InvariantCulture);
}
