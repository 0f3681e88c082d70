using EdgeAgent.Simulators.Printers;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Demo;

/// <summary>The demo's two label printers: Zebra-style emulators on loopback, up before the conveyor line polls them.</summary>
internal sealed class DemoPrinters(IOptions<DemoOptions> options) : IHostedService, IAsyncDisposable
{
    private readonly List<ZplPrinterEmulator> _printers = [];

    public IReadOnlyList<ZplPrinterEmulator> Printers => _printers;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (port, n) in options.Value.PrinterPorts.Select((p, i) => (p, i + 1)))
        {
            var printer = new ZplPrinterEmulator(new ZplPrinterEmulatorOptions { Port = port, Name = $"zebra-{n}" });
            printer.Start();
            _printers.Add(printer);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var printer in _printers)
        {
            await printer.DisposeAsync();
        }

        _printers.Clear();
    }
}
