using System.Globalization;
using EdgeAgent.Conveyor;
using EdgeAgent.Simulators.Printers;
using EdgeAgent.Simulators.Scanners;
using EdgeAgent.Tests.Hosting;
using MQTTnet;
using Floor = EdgeAgent.Events;

namespace EdgeAgent.Tests.Conveyor;

/// <summary>
/// With an external broker the agent's scanner session is persistent (<c>Broker:SessionExpiry</c>): Mosquitto keeps it,
/// with its subscription, while the agent is down, queues what the scanners publish meanwhile and delivers it when the
/// agent is back, where each read is stored exactly once.
/// </summary>
public sealed class ExternalBrokerQueueTests : IAsyncLifetime
{
    private const int ReadsWhileDown = 40;
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(1));
    private readonly ZplPrinterEmulator _printer = new(new ZplPrinterEmulatorOptions { Name = "zebra-1" });
    private readonly string _dataDirectory = ConveyorAgent.NewDataDirectory("queued");

    public Task InitializeAsync()
    {
        _printer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _printer.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
        _guard.Dispose();
    }

    [Fact]
    public async Task ReadsMosquittoAcknowledgedWhileTheAgentWasStopped_AreStoredExactlyOnceWhenItStartsAgain()
    {
        var ct = _guard.Token;
        await using var mosquitto = await MosquittoProcess.StartAsync(ct);
        var settings = ConveyorAgent.Settings(_dataDirectory, _printer);
        settings["Broker:Mode"] = "External";
        settings["Broker:Host"] = "127.0.0.1";
        settings["Broker:Port"] = mosquitto.Port.ToString(CultureInfo.InvariantCulture);
        await using var scanner = new ConveyorScanner(new ConveyorScannerOptions { Port = mosquitto.Port, DeviceId = "sc-1" });

        await using (var first = await ConveyorAgent.StartAsync(settings, ownsDirectory: false))
        {
            await ConveyorAgent.WaitUntilAsync(() => first.Line.ScannersConnected, ct);
            await scanner.ConnectAsync(ct);
            await scanner.ReadAsync(Read(scanner), ct);
            await ConveyorAgent.WaitUntilAsync(() => LastStored(first) == 1, ct);
        }

        for (var i = 0; i < ReadsWhileDown; i++)
        {
            var (seq, result) = await scanner.ReadAcknowledgedAsync(Read(scanner), ct);
            // Success, not NoMatchingSubscribers: the agent's session, and its subscription, outlive the agent.
            Assert.True(result.ReasonCode == MqttClientPublishReasonCode.Success, $"read {seq} answered {result.ReasonCode}");
        }

        await using var second = await ConveyorAgent.StartAsync(settings, ownsDirectory: false);
        await ConveyorAgent.WaitUntilAsync(() => second.Line.ScannersConnected, ct);
        var last = await scanner.ReadAsync(Read(scanner), ct);
        await ConveyorAgent.WaitUntilAsync(() => LastStored(second) == last, ct);

        Assert.Equal(ReadsWhileDown + 2, last);
        Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i), second.Events<Floor.CartonUnknown>().Select(e => e.Seq).Order());
        Assert.Empty(second.Events<Floor.DeviceReadsMissing>());
    }

    private static string Read(ConveyorScanner scanner) => LabelCodes.SsccRead(LabelCodes.Sscc(0, "0614141", scanner.LastSeq + 1));

    private static long? LastStored(ConveyorAgent line) => line.Store.Read(db => DeviceSequences.Rows(db).FindById("scanner/sc-1")?.LastSeq);
}
