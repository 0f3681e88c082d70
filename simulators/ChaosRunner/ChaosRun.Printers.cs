using System.Globalization;
using System.Net.Http.Json;
using EdgeAgent.Simulators.Printers;
using EdgeAgent.Simulators.Scanners;

namespace ChaosRunner;

/// <summary>The conveyor's label printers: two emulated ZPL printers, the shipments' labels, and the printer failing.</summary>
internal sealed partial class ChaosRun
{
    /// <summary>Every scanner's every third read is a carton with a released shipment, so it gets a label.</summary>
    public const int LabelledEvery = 3;

    private const string ReleaseToken = "chaos-release-token";
    private static readonly string[] Address = ["1 Loopback Way", "127001 Localhost"];
    private readonly List<ZplPrinterEmulator> _retiredPrinters = [];
    private int _printerFaults;
    private int _printersStopped;

    /// <summary>Each printer's name and port, fixed for the run (a printer that went away comes back on its port).</summary>
    private readonly List<(string Name, int Port)> _printerEndpoints = [];

    /// <summary>Labels the emulated printers printed, over the run (restarted ones included).</summary>
    public int LabelsPrinted => _printers.Concat(_retiredPrinters).Sum(p => p.LabelsPrinted);

    private void StartPrinters()
    {
        foreach (var name in new[] { "zebra-1", "zebra-2" })
        {
            var printer = new ZplPrinterEmulator(new ZplPrinterEmulatorOptions { Name = name });
            printer.Start();
            _printers.Add(printer);
            _printerEndpoints.Add((name, printer.Port));
        }
    }

    /// <summary>
    /// Releases the labels of the cartons the scanners will read (every <see cref="LabelledEvery"/>th <c>seq</c>, as far as
    /// the run can go), once, through the agent's <c>POST /api/cartons</c> as an integration would.
    /// </summary>
    private async Task ReleaseLabelsAsync(CancellationToken ct)
    {
        long lastSeq = (long)(options.Duration.TotalSeconds * 8) + 200;
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_httpPort}"), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ReleaseToken);
        int released = 0;
        for (int i = 1; i <= options.Scanners; i++)
        {
            var scanner = ConveyorLoad.Scanner(i);
            var labels = new List<object>();
            for (long seq = LabelledEvery; seq <= lastSeq; seq += LabelledEvery)
            {
                labels.Add(new
                {
                    sscc = ConveyorLoad.Sscc(scanner, seq),
                    shipToName = "Chaos Run Customer",
                    shipToAddress = Address,
                    orderNumber = string.Create(CultureInfo.InvariantCulture, $"{scanner}-{seq}"),
                    carrier = "CHAOS",
                });
            }

            using var response = await http.PostAsJsonAsync("/api/cartons", labels, ct);
            response.EnsureSuccessStatusCode();
            released += labels.Count;
        }

        Say($"{released} carton labels released (every {LabelledEvery}rd read of each scanner has a shipment), printers {string.Join(", ", _printerEndpoints.Select(p => $"{p.Name} on port {p.Port}"))}");
    }

    /// <summary>
    /// One printer fails for the hold: in turn it goes away (its port closed and every connection reset: the agent's
    /// status polls and jobs fail to connect) or answers an error status (paper out: <c>~HS</c> says so and it prints
    /// nothing). The group's other printer must take the line's labels meanwhile (a governed <c>print.reroute</c>).
    /// </summary>
    private async Task InjectPrinterFailAsync(Fault fault, CancellationToken ct)
    {
        int n = Interlocked.Increment(ref _printerFaults);
        int which = n % _printers.Count;
        var printer = _printers[which];
        if (n % 2 == 1)
        {
            int port = _printerEndpoints[which].Port;
            Say($"printer {printer.Name} goes away (port {port} closed, connections reset) for {fault.Hold.TotalSeconds:0.0}s");
            await printer.DisposeAsync();
            lock (_retiredPrinters)
            {
                _retiredPrinters.Add(printer);
            }

            await Task.Delay(fault.Hold, ct);
            var back = new ZplPrinterEmulator(new ZplPrinterEmulatorOptions { Name = printer.Name, Port = port });
            back.Start();
            _printers[which] = back;
            Say($"printer {printer.Name} is back on port {port}");
        }
        else
        {
            Say($"printer {printer.Name} answers paper out for {fault.Hold.TotalSeconds:0.0}s");
            printer.PaperOut = true;
            await Task.Delay(fault.Hold, ct);
            printer.Resume();
            Say($"printer {printer.Name} has paper again");
        }
    }
}
