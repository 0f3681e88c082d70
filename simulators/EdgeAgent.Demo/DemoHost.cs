using EdgeAgent.Hosting;

namespace EdgeAgent.Demo;

/// <summary>What the demo adds to the real agent: its configuration, its central and printers, its floor.</summary>
public static class DemoHost
{
    public static AgentHostOptions Options() => new()
    {
        ConfigurationDefaults = DemoFloorExtensions.DemoDefaults(),
        // Central and the printers are up before the bridge connects and the line polls them.
        BeforeParts = (services, configuration) => services.AddDemoCentral(configuration),
        // Pickers and the conveyor's cartons start once the broker and the line are running.
        AfterParts = (services, _) => services.AddDemoFloor(),
    };
}
