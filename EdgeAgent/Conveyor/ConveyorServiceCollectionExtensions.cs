using System.Device.I2c;
using System.Text.Json;
using EdgeAgent.Broker;
using EdgeAgent.Configuration;
using EdgeAgent.Drivers.Printers;
using EdgeAgent.Drivers.Sensors;
using EdgeAgent.Governance;
using EdgeAgent.Handhelds;
using EdgeAgent.Hosting;
using EdgeAgent.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Conveyor;

public static class ConveyorServiceCollectionExtensions
{
    /// <summary>
    /// The conveyor segment (off unless <c>Conveyor:Enabled</c>); after the broker, whose port it needs.
    /// Its GPIO chip (from <c>Conveyor:Gpio</c>), the expander's I²C bus and its printer group are built
    /// here; each is a <c>TryAdd</c>, so a host or a test registered first keeps its own.
    /// </summary>
    public static IServiceCollection AddConveyor(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ConveyorOptions.Section);
        services.AddOptions<ConveyorOptions>()
            .Bind(section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddStoreDocuments("conveyor", [typeof(CartonLabel), typeof(DeviceSequence)]);
        services.AddGovernedAction<CartonDivertAction>();
        if (!section.GetValue<bool>(nameof(ConveyorOptions.Enabled)))
        {
            services.TryAddSingleton<IConveyorStatus>(ConveyorOff.Instance);
            return services;
        }

        // The line's scanners (and its IO-Link masters, when ports are mapped) read only the broker's PUBACK: the embedded
        // broker lets them in once the line's session for them is subscribed, not while the agent is still starting.
        services.AddAgentReader(Drivers.Scanners.ConveyorScannerGateway.DeviceKind, ConveyorSessions.ScannersRole);
        if (section.GetSection($"{nameof(ConveyorOptions.IoLink)}:{nameof(IoLinkOptions.Ports)}").GetChildren().Any())
        {
            services.AddAgentReader(IoLinkOptions.DeviceKind, ConveyorSessions.IoLinkRole);
        }

        services.TryAddSingleton<SimulatedGpioDriver>();
        services.TryAddSingleton<I2cDeviceFactory>(_ => I2cDevice.Create);
        services.TryAddSingleton(sp => ConveyorDevices.Gpio(
            sp.GetRequiredService<IOptions<ConveyorOptions>>().Value,
            sp.GetRequiredService<SimulatedGpioDriver>,
            sp.GetRequiredService<I2cDeviceFactory>()));
        services.TryAddSingleton<ConveyorSessions>();
        services.TryAddSingleton<PrinterGroupFactory>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ConveyorOptions>>().Value;
            var site = sp.GetRequiredService<IOptions<AgentOptions>>().Value.Site;
            var broker = sp.GetRequiredService<AgentBroker>();
            var logger = sp.GetRequiredService<ILogger<PrinterGroup>>();
            var time = sp.GetRequiredService<TimeProvider>();
            return onEvent => ConveyorDevices.Printers(options, site, broker, logger, time, onEvent);
        });
        services.AddSingleton<RerouteRequests>();
        services.AddSingleton<Events.IFloorEventObserver>(sp => sp.GetRequiredService<RerouteRequests>());
        services.AddSingleton<ConveyorLine>();
        services.TryAddSingleton<IConveyorStatus>(sp => sp.GetRequiredService<ConveyorLine>());
        services.AddHostedService(sp => sp.GetRequiredService<ConveyorLine>());
        return services;
    }
}
