using System.Device.I2c;
using System.Globalization;
using EdgeAgent.Conveyor;
using EdgeAgent.Drivers.Tests.Sensors;
using EdgeAgent.Fulfilment;
using EdgeAgent.Hosting;
using EdgeAgent.Simulators.Printers;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Floor = EdgeAgent.Events;

namespace EdgeAgent.Tests.Conveyor;

/// <summary>
/// <c>Conveyor:Gpio=Mcp23017</c> through the whole host: the composition opens the configured I²C device
/// (here a register-level fake of the chip, injected as the bus factory), the real Iot.Device.Bindings
/// driver runs on it, and an input register flip becomes the line's carton event.
/// </summary>
public sealed class ConveyorMcp23017Tests : IAsyncLifetime
{
    private const int PhotoEyePin = 9; // GPB1
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(1));
    private readonly ZplPrinterEmulator _printer = new(new ZplPrinterEmulatorOptions { Name = "zebra-1" });
    private readonly FakeMcp23017Chip _chip = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("edgeagent-mcp23017-").FullName;

    public Task InitializeAsync()
    {
        _printer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _printer.DisposeAsync();
        _guard.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task PhotoEyeOnAnExpanderPin_ConfiguredByGpioMcp23017_BecomesACartonEvent()
    {
        var opened = new List<I2cConnectionSettings>();
        I2cDeviceFactory bus = settings =>
        {
            opened.Add(settings);
            return _chip;
        };
        var host = new AgentHostOptions { BeforeParts = (services, _) => services.AddSingleton(bus) };
        await using var agent = await RunningAgent.StartAsync(Settings(), host: host);
        var line = agent.Services.GetRequiredService<ConveyorLine>();
        var store = agent.Services.GetRequiredService<DurableStore>();
        await WaitUntilAsync(() => line.ScannersConnected);

        _chip.SetInput(PhotoEyePin, true);
        // The carton blocks the eye longer than the 20 ms a carton needs; the bank polls every millisecond.
        await Task.Delay(100, _guard.Token);
        _chip.SetInput(PhotoEyePin, false);

        await WaitUntilAsync(() => store.Read(db => new FloorCollections(db).Events.OfType<Floor.CartonDetected>().Any(e => e.DeviceId == "pe-exp")));
        var settings = Assert.Single(opened);
        Assert.Equal(1, settings.BusId);
        Assert.Equal(0x21, settings.DeviceAddress);
    }

    [Theory]
    [InlineData("Conveyor:Mcp23017:Address", "0x28", "Conveyor:Mcp23017:Address")]
    [InlineData("Conveyor:Mcp23017:BusId", null, "Conveyor:Mcp23017:BusId")]
    [InlineData("Conveyor:PinMap:PollIntervalMs", null, "Conveyor:PinMap:PollIntervalMs")]
    [InlineData("Conveyor:PinMap:Inputs:0:Pin", "16", "pin 16 is not on the MCP23017")]
    public async Task BadExpanderConfiguration_StopsStartUp_NamingTheKey(string key, string? value, string named)
    {
        var settings = Settings();
        if (value is null)
        {
            settings.Remove(key);
        }
        else
        {
            settings[key] = value;
        }

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningAgent.StartAsync(settings));

        Assert.Contains(refused.Failures, f => f.Contains(named, StringComparison.Ordinal));
    }

    private Dictionary<string, string> Settings()
    {
        var settings = RunningAgent.Settings(_directory);
        settings["Conveyor:Enabled"] = "true";
        settings["Conveyor:Gpio"] = "Mcp23017";
        settings["Conveyor:Mcp23017:BusId"] = "1";
        settings["Conveyor:Mcp23017:Address"] = "0x21";
        settings["Conveyor:PinMap:PollIntervalMs"] = "1";
        settings["Conveyor:PinMap:Inputs:0:Name"] = "pe-exp";
        settings["Conveyor:PinMap:Inputs:0:Role"] = "PhotoEye";
        settings["Conveyor:PinMap:Inputs:0:Pin"] = PhotoEyePin.ToString(CultureInfo.InvariantCulture);
        settings["Conveyor:PrinterPollMs"] = "60000";
        settings["Conveyor:Printers:0:Id"] = "zebra-1";
        settings["Conveyor:Printers:0:Host"] = "127.0.0.1";
        settings["Conveyor:Printers:0:Port"] = _printer.Port.ToString(CultureInfo.InvariantCulture);
        return settings;
    }

    private async Task WaitUntilAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(20, _guard.Token);
        }
    }
}
