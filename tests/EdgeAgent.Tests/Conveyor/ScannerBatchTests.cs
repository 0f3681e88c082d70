using EdgeAgent.Conveyor;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Simulators.Printers;
using EdgeAgent.Simulators.Scanners;
using MQTTnet;
using MQTTnet.Protocol;
using Floor = EdgeAgent.Events;

namespace EdgeAgent.Tests.Conveyor;

/// <summary>
/// The scanner gateway hands the line every read queued while the line was busy as one batch, stored in one write
/// (one fsync): belt order per scanner is kept, every acknowledged read is stored exactly once, and N reads queued
/// behind a busy store take far fewer than N fsyncs (counted by the store, not timed).
/// </summary>
public sealed class ScannerBatchTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(2));
    private readonly ZplPrinterEmulator _printer = new(new ZplPrinterEmulatorOptions { Name = "zebra-1" });
    private readonly List<IAsyncDisposable> _owned = [];

    public Task InitializeAsync()
    {
        _printer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        await _printer.DisposeAsync();
        _guard.Dispose();
    }

    [Fact]
    public async Task ReadsQueuedBehindABusyStore_AreStoredTogether_FarFewerFsyncsThanReads_EachStoredOnce()
    {
        const int Scanners = 12;
        var line = await StartAgentAsync(Enumerable.Range(1, Scanners).Select(Device).ToArray());
        var scanners = new List<ConveyorScanner>();
        for (var i = 1; i <= Scanners; i++)
        {
            scanners.Add(await ConnectScannerAsync(line, Device(i)));
        }

        // Hold the store's writer, so every read queues at the gateway (the broker acknowledges each scanner's publish
        // once it is queued for the agent's session; the gateway's own PUBACK to the broker waits for the fsync).
        using var hold = new ManualResetEventSlim();
        var held = line.Store.WriteAsync(_ =>
        {
            hold.Wait(_guard.Token);
            return 0;
        }, _guard.Token);
        var before = line.Store.Stats;
        long[] acknowledged;
        try
        {
            acknowledged = await Task.WhenAll(scanners.Select((s, i) => s.ReadAsync(LabelCodes.SsccRead(LabelCodes.Sscc(0, "0614141", 100 + i)), _guard.Token)));
            await ConveyorAgent.WaitUntilAsync(() => line.Line.ScannerCounters!.Received == Scanners, _guard.Token);
            Assert.Equal(0, line.Line.ScannerCounters!.Delivered); // (a store read would wait for the held writer)
        }
        finally
        {
            hold.Set();
        }

        await held;
        await ConveyorAgent.WaitUntilAsync(() => line.Line.ScannerCounters!.Delivered == Scanners, _guard.Token);

        var stats = line.Store.Stats;
        var stored = line.Events<Floor.CartonUnknown>();
        Assert.Equal(Scanners, stored.Count);
        Assert.Equal(Enumerable.Range(1, Scanners).Select(Device).Order(), stored.Select(e => e.DeviceId).Order()); // each read once
        Assert.All(acknowledged, seq => Assert.Equal(1, seq));
        var counters = line.Line.ScannerCounters!;
        Assert.Equal((Scanners, 0L), (counters.Delivered, counters.CallbackFailures));
        // The first read's batch waited on the held store while every other read queued: they came as one more batch.
        Assert.True(counters.Batches <= 2, $"{counters.Batches} batches for {Scanners} reads queued together");
        var fsyncs = stats.Fsyncs - before.Fsyncs;
        Assert.True(fsyncs < Scanners / 2, $"{Scanners} queued reads took {fsyncs} fsyncs");
        Assert.Empty(line.Events<Floor.DeviceReadsMissing>());
    }

    [Fact]
    public async Task ReadsSentWithoutWaitingForTheirAcknowledgement_AreStoredInBeltOrderPerScanner_WithNoGapAndNoRestart()
    {
        const int PerScanner = 60;
        var line = await StartAgentAsync(["sc-a", "sc-b"]);
        var other = await ConnectScannerAsync(line, "sc-b");
        // A scanner with all its reads in flight at once, QoS 1 (the simulated device waits for each PUBACK; this one
        // does not), beside one that waits: the gateway's batches hold many reads of one scanner, interleaved with another's.
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", line.Agent.BrokerPort)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).WithClientId("sc-a")
            .WithCredentials("sc-a", ConveyorAgent.DevicePassword("sc-a")).Build(), _guard.Token);
        await ConveyorAgent.WaitUntilAsync(() => line.Line.ScannersConnected, _guard.Token);
        using var hold = new ManualResetEventSlim();
        var held = line.Store.WriteAsync(_ =>
        {
            hold.Wait(_guard.Token);
            return 0;
        }, _guard.Token);
        var publishes = new List<Task<MqttClientPublishResult>>();
        MqttClientPublishResult[] results;
        try
        {
            await other.ReadAsync(LabelCodes.SsccRead(LabelCodes.Sscc(0, "0614141", 1001)), _guard.Token);
            for (var seq = 1; seq <= PerScanner; seq++)
            {
                var read = $$"""{"v":1,"seq":{{seq}},"data":"{{LabelCodes.SsccRead(LabelCodes.Sscc(0, "0614141", seq))}}"}""";
                publishes.Add(client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("dc/site1/scanner/sc-a/read")
                    .WithPayload(read).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), _guard.Token));
            }

            results = await Task.WhenAll(publishes);
            await ConveyorAgent.WaitUntilAsync(() => line.Line.ScannerCounters!.Received == PerScanner + 1, _guard.Token);
        }
        finally
        {
            hold.Set();
        }

        await held;
        for (var seq = 2; seq <= 20; seq++)
        {
            await other.ReadAsync(LabelCodes.SsccRead(LabelCodes.Sscc(0, "0614141", 1000 + seq)), _guard.Token);
        }

        await ConveyorAgent.WaitUntilAsync(() => line.Line.ScannerCounters!.Delivered == PerScanner + 20, _guard.Token);

        Assert.All(results, r => Assert.True(r.IsSuccess, r.ReasonCode.ToString()));
        var stored = line.Events<Floor.CartonUnknown>().OrderBy(e => e.Id).ToList();
        Assert.Equal(Enumerable.Range(1, PerScanner).Select(i => (long)i), stored.Where(e => e.DeviceId == "sc-a").Select(e => e.Seq));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), stored.Where(e => e.DeviceId == "sc-b").Select(e => e.Seq));
        Assert.Empty(line.Events<Floor.DeviceReadsMissing>());
        Assert.True(line.Line.ScannerCounters!.LargestBatch > 1, "the reads were not batched");
    }

    private static string Device(int i) => $"sc-{i:D2}";

    private async Task<ConveyorAgent> StartAgentAsync(string[] devices)
    {
        var settings = ConveyorAgent.Settings(ConveyorAgent.NewDataDirectory("batch"), _printer);
        foreach (var device in devices)
        {
            ConveyorAgent.AddDevice(settings, device, "scanner");
        }

        var line = await ConveyorAgent.StartAsync(settings);
        _owned.Add(line);
        return line;
    }

    private async Task<ConveyorScanner> ConnectScannerAsync(ConveyorAgent line, string device)
    {
        var scanner = await line.ConnectScannerAsync(device, _guard.Token);
        _owned.Add(scanner);
        return scanner;
    }
}
