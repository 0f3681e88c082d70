using System.Device.Gpio;
using System.Device.I2c;
using EdgeAgent.Broker;
using EdgeAgent.Drivers.Printers;
using EdgeAgent.Drivers.Sensors;
using EdgeAgent.Handhelds;
using Iot.Device.Mcp23xxx;

namespace EdgeAgent.Conveyor;

/// <summary>How the composition builds the line's devices from <see cref="ConveyorOptions"/>.</summary>
internal static class ConveyorDevices
{
    /// <summary>The controller of the configured chip; every kind is a <see cref="GpioDriver"/> behind the same controller.</summary>
    public static GpioController Gpio(ConveyorOptions options, Func<SimulatedGpioDriver> simulated, I2cDeviceFactory i2c) => options.Gpio switch
    {
        GpioSource.Board => new GpioController(),
        GpioSource.Simulated => new GpioController(simulated()),
        GpioSource.Mcp23017 => new GpioController(new Mcp23017(i2c(new I2cConnectionSettings(options.Mcp23017.BusId!.Value, options.Mcp23017.Address)))),
        _ => throw new InvalidOperationException($"Conveyor:Gpio {options.Gpio} has no driver"),
    };

    /// <summary>The line's label printers: the composition opens each printer's link and hands them to the group.</summary>
    public static PrinterGroup Printers(
        ConveyorOptions options,
        string site,
        AgentBroker broker,
        ILogger<PrinterGroup> logger,
        TimeProvider time,
        Func<PrinterEvent, CancellationToken, ValueTask> onEvent)
    {
        var group = new PrinterGroupOptions
        {
            Name = ConveyorLine.PrinterGroupName,
            Printers = [.. options.Printers.Select(p => p.Transport == PrinterTransport.Mqtt
                ? PrinterEndpoint.OverMqtt(p.Id)
                : new PrinterEndpoint(p.Id, new ZplConnectionOptions { Host = p.Host, Port = p.Port }))],
            PollInterval = TimeSpan.FromMilliseconds(options.PrinterPollMs),
            // Failover is a governed print.reroute decision (ConveyorLine.ProposeRerouteAsync), not the group's own move.
            RerouteOnFault = false,
            // Asked when the line starts, after the broker: an embedded broker on port 0 has bound its port by then.
            Mqtt = options.Printers.Any(p => p.Transport == PrinterTransport.Mqtt)
                ? new PrinterMqttOptions { Site = site, Connection = broker.AgentConnection("printers") }
                : null,
        };
        return new PrinterGroup(group, PrinterLinks.Open(group, logger, time), onEvent, logger, time);
    }
}
