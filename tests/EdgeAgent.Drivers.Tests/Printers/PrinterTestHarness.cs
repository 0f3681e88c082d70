using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeAgent.Drivers.Printers;
using EdgeAgent.Simulators.Printers;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAgent.Drivers.Tests.Printers;

internal static class PrinterTestHarness
{
    /// <summary>Long enough that a loaded machine never misses an answer; tests of silence pass <see cref="Quiet"/>.</summary>
    public static readonly TimeSpan Answering = TimeSpan.FromSeconds(5);

    /// <summary>Short, for tests that expect no answer at all.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    public static ZplConnectionOptions Link(int port, TimeSpan? statusTimeout = null) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        WriteTimeout = TimeSpan.FromSeconds(5),
        StatusTimeout = statusTimeout ?? Answering,
    };

    public static ZplPrinterEmulator StartEmulator(string name, bool silentWhenFaulted = false)
    {
        var emulator = new ZplPrinterEmulator(new ZplPrinterEmulatorOptions { Name = name, SilentWhenFaulted = silentWhenFaulted });
        emulator.Start();
        return emulator;
    }

    public static PrinterGroup StartGroup(PrinterEventSink sink, params (string Id, int Port)[] printers) =>
        StartGroup(sink, Answering, printers);

    public static PrinterGroup StartGroup(PrinterEventSink sink, TimeSpan statusTimeout, params (string Id, int Port)[] printers)
    {
        var group = new PrinterGroup(
            new PrinterGroupOptions
            {
                Name = "line-1",
                Printers = [.. printers.Select(p => new PrinterEndpoint(p.Id, Link(p.Port, statusTimeout)))],
                PollInterval = TimeSpan.FromMilliseconds(50),
                JobTimeout = TimeSpan.FromSeconds(20),
            },
            sink.OnEventAsync,
            NullLogger<PrinterGroup>.Instance,
            TimeProvider.System);
        group.Start();
        return group;
    }

    public static PrintJob Job(string id) => new() { Id = id, Zpl = Encoding.ASCII.GetBytes($"^XA^FO20,20^A0N,30,30^FD{id}^FS^XZ") };

    /// <summary>A loopback port nobody listens on (taken and released at once).</summary>
    public static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static IEnumerable<string> JobIds(ZplPrinterEmulator emulator) => emulator.Labels.SelectMany(l => l.Fields);
}
