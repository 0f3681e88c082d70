using EdgeAgent.Conveyor;
using EdgeAgent.Drivers.Sensors;
using EdgeAgent.Exceptions;
using EdgeAgent.Simulators.Printers;
using EdgeAgent.Simulators.Scanners;
using EdgeAgent.Simulators.Sensors;
using Floor = EdgeAgent.Events;

namespace EdgeAgent.Tests.Conveyor;

/// <summary>
/// Conveyor scanners and IO-Link masters number their messages but read no answer: the running agent keeps each
/// device's last number in its store, in the write of the message's event, and a jump becomes a
/// <c>device.reads-missing</c> exception naming the device and the missing range, also across an agent restart.
/// </summary>
public sealed class ReadGapTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(1));
    private readonly ZplPrinterEmulator _printer = new(new ZplPrinterEmulatorOptions { Name = "zebra-1" });
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly string _dataDirectory = ConveyorAgent.NewDataDirectory("gaps");

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
        Directory.Delete(_dataDirectory, recursive: true);
        _guard.Dispose();
    }

    [Fact]
    public async Task ScannerReadsThatNeverArrived_RaiseOneExceptionNamingTheScannerAndTheMissingRange()
    {
        var line = await StartAgentAsync();
        var scanner = await ConnectScannerAsync(line);

        await scanner.ReadAsync(LabelCodes.SsccRead(LabelCodes.Sscc(0, "0614141", 1)), _guard.Token);
        scanner.LoseReads(3);
        var after = await scanner.ReadAsync(LabelCodes.SsccRead(LabelCodes.Sscc(0, "0614141", 5)), _guard.Token);
        await ConveyorAgent.WaitUntilAsync(() => line.Events<Floor.CartonUnknown>().Count == 2, _guard.Token);

        var gap = Assert.Single(line.Events<Floor.DeviceReadsMissing>());
        Assert.Equal(("scanner", "sc-1", 2L, 4L, after), (gap.Family, gap.DeviceId, gap.FirstMissing, gap.LastMissing, gap.Seq));
        var raised = Assert.Single(Cases(line));
        Assert.Equal(("scanner:sc-1#2-4", ExceptionStatus.Open, "sc-1"), (raised.Subject, raised.Status, raised.DeviceId));
    }

    [Fact]
    public async Task AcrossAnAgentRestart_TheScannersNumberIsKept_ARedeliveryIsNotAppliedAgain_AndAJumpIsRaised()
    {
        var first = await StartAgentAsync();
        var scanner = await ConnectScannerAsync(first);
        await scanner.ReadAsync(LabelCodes.SsccRead(LabelCodes.Sscc(0, "0614141", 1)), _guard.Token);
        await scanner.ReadAsync(LabelCodes.SsccRead(LabelCodes.Sscc(0, "0614141", 2)), _guard.Token);
        await ConveyorAgent.WaitUntilAsync(() => first.Events<Floor.CartonUnknown>().Count == 2, _guard.Token);
        await StopAsync(first, scanner);

        var second = await StartAgentAsync();
        // The same scanner after the restart: it sends read 2 again (a QoS 1 redelivery), then read 6.
        var again = await ConnectScannerAsync(second);
        again.LoseReads(1);
        await again.ReadAsync(LabelCodes.SsccRead(LabelCodes.Sscc(0, "0614141", 2)), _guard.Token);
        again.LoseReads(3);
        await again.ReadAsync(LabelCodes.SsccRead(LabelCodes.Sscc(0, "0614141", 6)), _guard.Token);
        await ConveyorAgent.WaitUntilAsync(() => second.Events<Floor.DeviceReadsMissing>().Count == 1, _guard.Token);

        Assert.Equal([1L, 2L, 6L], second.Events<Floor.CartonUnknown>().Select(e => e.Seq).Order());
        var gap = Assert.Single(second.Events<Floor.DeviceReadsMissing>());
        Assert.Equal((3L, 5L), (gap.FirstMissing, gap.LastMissing));
        Assert.Equal("scanner:sc-1#3-5", Assert.Single(Cases(second)).Subject);
    }

    [Fact]
    public async Task IoLinkMasterNumbersOverAllItsPorts_AJumpIsRaisedAcrossARestart_UnmappedPortsAreNoGap()
    {
        var first = await StartAgentAsync();
        await ConveyorAgent.WaitUntilAsync(() => first.Line.IoLinkConnected, _guard.Token);
        await using (var master = await ConnectMasterAsync(first))
        {
            await master.PublishAsync(1, true, DateTimeOffset.UtcNow, _guard.Token);
            await master.PublishAsync(2, true, DateTimeOffset.UtcNow, _guard.Token);
            await master.PublishAsync(1, false, DateTimeOffset.UtcNow, _guard.Token);
            await ConveyorAgent.WaitUntilAsync(() => first.Store.Read(db => DeviceSequences.Rows(db).FindById("iolink/io-1")?.LastSeq) == 3, _guard.Token);
        }

        Assert.Empty(first.Events<Floor.DeviceReadsMissing>());
        await StopAsync(first, scanner: null);

        var second = await StartAgentAsync();
        await ConveyorAgent.WaitUntilAsync(() => second.Line.IoLinkConnected, _guard.Token);
        await using var again = await ConnectMasterAsync(second);
        again.LoseMessages(3 + 2);
        await again.PublishAsync(1, true, DateTimeOffset.UtcNow, _guard.Token);
        await ConveyorAgent.WaitUntilAsync(() => second.Events<Floor.DeviceReadsMissing>().Count == 1, _guard.Token);

        var gap = Assert.Single(second.Events<Floor.DeviceReadsMissing>());
        Assert.Equal(("iolink", "io-1", 4L, 5L, 6L), (gap.Family, gap.DeviceId, gap.FirstMissing, gap.LastMissing, gap.Seq));
        Assert.Equal("iolink:io-1#4-5", Assert.Single(Cases(second)).Subject);
    }

    [Fact]
    public async Task ANumberTheBrokerRedeliveredBelowTheLastStoredOne_IsADuplicate_WhileAPlainLowerNumberIsTheDeviceNumberingAgain()
    {
        // A persistent session resumed after the agent stored a batch but before its PUBACKs went out: the broker resends
        // the whole batch with MQTT's DUP flag, below the last stored number. Without the flag a lower number is a reboot.
        var line = await StartAgentAsync();
        Task<SequenceStep> Step(long seq, bool redelivered) => line.Store.WriteAsync(
            db => DeviceSequences.Advance(new global::EdgeAgent.Fulfilment.FloorCollections(db), DeviceSequences.Scanner, "sc-9", seq, DateTime.UtcNow, redelivered),
            _guard.Token);

        for (var seq = 1; seq <= 5; seq++)
        {
            Assert.Equal(SequenceStep.Next, await Step(seq, redelivered: false));
        }

        Assert.Equal(SequenceStep.Duplicate, await Step(3, redelivered: true));
        Assert.Equal(SequenceStep.Duplicate, await Step(5, redelivered: true));
        Assert.Equal(SequenceStep.Duplicate, await Step(5, redelivered: false));
        Assert.Equal(SequenceStep.Next, await Step(6, redelivered: true));
        Assert.Equal(SequenceStep.Restarted, await Step(1, redelivered: false));
        Assert.Empty(line.Events<Floor.DeviceReadsMissing>());
    }

    private static List<ExceptionCase> Cases(ConveyorAgent line) =>
        line.Store.Read(db => ExceptionBook.Cases(db).Find(c => c.Type == ExceptionTypes.ReadsMissing).ToList());

    private async Task<ConveyorAgent> StartAgentAsync()
    {
        var settings = ConveyorAgent.Settings(_dataDirectory, _printer);
        ConveyorAgent.AddInput(settings, 0, "pe-1", SensorRole.PhotoEye, 5);
        settings["Conveyor:IoLink:Ports:0:MasterId"] = "io-1";
        settings["Conveyor:IoLink:Ports:0:Port"] = "1";
        settings["Conveyor:IoLink:Ports:0:Name"] = "pe-io";
        ConveyorAgent.AddDevice(settings, "io-1", "iolink");
        ConveyorAgent.AddDevice(settings, "sc-1", "scanner");
        var line = await ConveyorAgent.StartAsync(settings, ownsDirectory: false);
        _owned.Add(line);
        return line;
    }

    private async Task<ConveyorScanner> ConnectScannerAsync(ConveyorAgent line)
    {
        var scanner = await line.ConnectScannerAsync("sc-1", _guard.Token);
        _owned.Add(scanner);
        return scanner;
    }

    private async Task<IoLinkMasterPublisher> ConnectMasterAsync(ConveyorAgent line)
    {
        var master = new IoLinkMasterPublisher("127.0.0.1", line.Agent.BrokerPort, "site1", "io-1", ConveyorAgent.DevicePassword("io-1"));
        await master.ConnectAsync(_guard.Token);
        return master;
    }

    private async Task StopAsync(ConveyorAgent line, ConveyorScanner? scanner)
    {
        if (scanner is not null)
        {
            _owned.Remove(scanner);
            await scanner.DisposeAsync();
        }

        _owned.Remove(line);
        await line.DisposeAsync();
    }
}
