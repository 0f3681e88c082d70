using System.Globalization;
using EdgeAgent.Conveyor;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Drivers.Sensors;
using EdgeAgent.Fulfilment;
using EdgeAgent.Simulators.Printers;
using EdgeAgent.Simulators.Scanners;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Floor = EdgeAgent.Events;

namespace EdgeAgent.Tests.Conveyor;

/// <summary>
/// The running agent with its conveyor line on the simulated GPIO rig: the set-up every conveyor test shares. The
/// settings helpers build the configuration; <see cref="StartAsync"/> starts the whole agent on free ports.
/// </summary>
internal sealed class ConveyorAgent : IAsyncDisposable
{
    private ConveyorAgent(RunningAgent agent) => Agent = agent;

    public RunningAgent Agent { get; }

    public DurableStore Store => Agent.Services.GetRequiredService<DurableStore>();

    /// <summary>The chip DI built for <c>Conveyor:Gpio=Simulated</c>: the test's hands on the sensors and outputs.</summary>
    public SimulatedGpioDriver Chip => Agent.Services.GetRequiredService<SimulatedGpioDriver>();

    public ConveyorLine Line => Agent.Services.GetRequiredService<ConveyorLine>();

    /// <summary>A conveyor on the simulated chip with <paramref name="printers"/> as its label printers (in order), storing in <paramref name="dataDirectory"/>.</summary>
    public static Dictionary<string, string> Settings(string dataDirectory, params ZplPrinterEmulator[] printers)
    {
        var settings = RunningAgent.Settings(dataDirectory);
        settings["Conveyor:Enabled"] = "true";
        settings["Conveyor:Gpio"] = "Simulated";
        for (var i = 0; i < printers.Length; i++)
        {
            settings[$"Conveyor:Printers:{i}:Id"] = printers[i].Name;
            settings[$"Conveyor:Printers:{i}:Host"] = "127.0.0.1";
            settings[$"Conveyor:Printers:{i}:Port"] = printers[i].Port.ToString(CultureInfo.InvariantCulture);
        }

        return settings;
    }

    /// <summary>A new temporary data directory named for the test class.</summary>
    public static string NewDataDirectory(string prefix) => Directory.CreateTempSubdirectory($"edgeagent-{prefix}-").FullName;

    /// <summary>Maps input <paramref name="index"/> of the pin map: a sensor on a pin of the simulated chip.</summary>
    public static void AddInput(Dictionary<string, string> settings, int index, string name, SensorRole role, int pin)
    {
        settings[$"Conveyor:PinMap:Inputs:{index}:Name"] = name;
        settings[$"Conveyor:PinMap:Inputs:{index}:Role"] = role.ToString();
        settings[$"Conveyor:PinMap:Inputs:{index}:Pin"] = pin.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A device the broker admits: its kind and the hash of <see cref="DevicePassword"/>.</summary>
    public static void AddDevice(Dictionary<string, string> settings, string deviceId, string kind)
    {
        settings[$"Broker:Clients:{deviceId}:Kind"] = kind;
        settings[$"Broker:Clients:{deviceId}:PasswordHash"] = PasswordHash.Create(DevicePassword(deviceId), PasswordHash.MinimumIterations);
    }

    public static string DevicePassword(string deviceId) => $"pw-{deviceId}";

    public static async Task<ConveyorAgent> StartAsync(Dictionary<string, string> settings, bool ownsDirectory = true) =>
        new(await RunningAgent.StartAsync(settings, ownsDirectory));

    /// <summary>
    /// Waits until the line's scanner session is up, then connects a simulated fixed scanner (added with
    /// <see cref="AddDevice"/>): the embedded broker admits scanners only once the agent reads them.
    /// </summary>
    public async Task<ConveyorScanner> ConnectScannerAsync(string deviceId, CancellationToken ct)
    {
        await WaitUntilAsync(() => Line.ScannersConnected, ct);
        var scanner = new ConveyorScanner(new ConveyorScannerOptions { Port = Agent.BrokerPort, DeviceId = deviceId, Password = DevicePassword(deviceId) });
        await scanner.ConnectAsync(ct);
        return scanner;
    }

    public IReadOnlyList<T> Events<T>()
        where T : Floor.FloorEvent =>
        Store.Read(db => new FloorCollections(db).Events.OfType<T>());

    public bool Has(string type) => Store.Read(db => new FloorCollections(db).Events.All().Any(e => e.Type == type));

    public static Task WaitUntilAsync(Func<bool> condition, CancellationToken ct) => GovernedRecord.WaitUntilAsync(condition, ct);

    public ValueTask DisposeAsync() => Agent.DisposeAsync();
}
