using System.Device.Gpio;
using EdgeAgent.Broker;
using EdgeAgent.Configuration;
using EdgeAgent.Conveyor;
using EdgeAgent.Drivers.Sensors;
using EdgeAgent.Handhelds;
using EdgeAgent.Hosting;
using EdgeAgent.Simulators.Scanners;
using EdgeAgent.Storage;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Demo;

/// <summary>
/// The demo's conveyor: a carton passes the photo-eye every couple of seconds, the fixed scanner reads its
/// SSCC, the agent prints its label; now and then a carton nobody shipped, and one printer runs out of
/// paper for a while so the labels move to the other and the stack light shows the fault.
/// </summary>
internal sealed partial class DemoConveyor(
    IOptions<DemoOptions> options,
    IOptions<AgentOptions> agent,
    ConveyorLine line,
    SimulatedGpioDriver chip,
    DemoPrinters printers,
    AgentBroker broker,
    DurableStore store,
    TimeProvider time,
    ILogger<DemoConveyor> logger) : BackgroundService
{
    public const string ScannerId = "SCN-01";
    public const int PhotoEyePin = 5;
    private const string CompanyPrefix = "0614141";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.PrinterPorts.Count == 0)
        {
            return;
        }

        try
        {
            await RunAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // The demo's devices failing must not take the agent down with them.
            LogStopped(logger, ex);
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        // The scanner gateway connects after the line has opened its pins on the chip.
        while (!line.ScannersConnected)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, stoppingToken);
        }

        await using var scanner = new ConveyorScanner(
            new ConveyorScannerOptions { Host = broker.Host, Port = broker.Port, Site = agent.Value.Site, DeviceId = ScannerId, Password = Password(ScannerId) },
            time);
        await scanner.ConnectAsync(stoppingToken);
        for (var carton = 1; !stoppingToken.IsCancellationRequested; carton++)
        {
            var sscc = LabelCodes.Sscc(0, CompanyPrefix, carton);
            if (carton % 12 != 0)
            {
                // Every twelfth carton was never released: the line records it and prints nothing.
                await store.WriteAsync(db => CartonBook.Put(db, [Label(sscc, carton)]), stoppingToken);
            }

            StagePrinterFault(carton);
            chip.SetInput(PhotoEyePin, PinValue.High);
            await Task.Delay(TimeSpan.FromMilliseconds(300), time, stoppingToken);
            chip.SetInput(PhotoEyePin, PinValue.Low);
            await scanner.ReadAsync(LabelCodes.SsccRead(sscc), stoppingToken);
            await Task.Delay(TimeSpan.FromMilliseconds(options.Value.CartonMilliseconds), time, stoppingToken);
        }
    }

    private void StagePrinterFault(int carton)
    {
        var first = printers.Printers[0];
        if (carton % 20 == 8)
        {
            first.PaperOut = true;
            LogPaperOut(logger, first.Name);
        }
        else if (carton % 20 == 14)
        {
            first.Resume();
            LogPaperLoaded(logger, first.Name);
        }
    }

    public static string Password(string deviceId) => $"demo-{deviceId}";

    private static NewCartonLabel Label(string sscc, int carton) =>
        new(sscc, $"Store {100 + (carton % 7)}", [$"{carton % 90 + 1} Market Street", "Springfield"], $"SO-{20000 + carton}", carton % 2 == 0 ? "UPS" : "DHL");

    [LoggerMessage(EventId = 44, Level = LogLevel.Information, Message = "Demo conveyor: printer {Printer} ran out of paper")]
    private static partial void LogPaperOut(ILogger logger, string printer);

    [LoggerMessage(EventId = 45, Level = LogLevel.Information, Message = "Demo conveyor: paper loaded in printer {Printer}")]
    private static partial void LogPaperLoaded(ILogger logger, string printer);

    [LoggerMessage(EventId = 46, Level = LogLevel.Error, Message = "Demo conveyor stopped")]
    private static partial void LogStopped(ILogger logger, Exception exception);
}
