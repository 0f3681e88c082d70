using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Drivers.Printers;
using EdgeAgent.Drivers.Tests.Infrastructure;
using EdgeAgent.Simulators.Printers;
using Microsoft.Extensions.Logging.Abstractions;
using static EdgeAgent.Drivers.Tests.Printers.PrinterTestHarness;

namespace EdgeAgent.Drivers.Tests.Printers;

/// <summary>Printers behind an MQTT adapter, through the real embedded broker, in the same group as raw-TCP printers.</summary>
public sealed class MqttPrinterTests : IAsyncLifetime
{
    private readonly EmbeddedBroker _broker = BrokerHarness.NewEmbeddedBroker();
    private readonly List<IAsyncDisposable> _owned = [];

    public Task InitializeAsync() => _broker.StartAsync(Guard.Token());

    public async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task LabelOverMqtt_IsPrinted_AndReceiptConfirmedByTheStatusReply()
    {
        var m = await StartMqttPrinterAsync("m1");
        var sink = new PrinterEventSink();
        var group = StartGroup(sink, PrinterEndpoint.OverMqtt("m1", Answering));

        Assert.Equal(SubmitResult.Queued, group.Submit(Job("job-1"), "m1"));

        var printed = await sink.WaitForAsync<JobPrinted>();
        Assert.Equal(("m1", "job-1", true, 1), (printed.PrinterId, printed.JobId, printed.ReceiptConfirmed, printed.Attempts));
        Assert.Equal(["job-1"], JobIds(m));
    }

    [Fact]
    public async Task PaperOutOnTheMqttPrinter_MovesItsJobToTheTcpPrinter_AndTheEventsSaySo()
    {
        var m = await StartMqttPrinterAsync("m1");
        m.PaperOut = true;
        var t = StartEmulator("t1");
        _owned.Add(t);
        var sink = new PrinterEventSink();
        var group = NewGroup(sink, PrinterEndpoint.OverMqtt("m1", Answering), new PrinterEndpoint("t1", Link(t.Port)));

        // Queued on the MQTT printer before anyone knows it is out of paper.
        Assert.Equal(SubmitResult.Queued, group.Submit(Job("job-1"), "m1"));
        group.Start();

        var printed = await sink.WaitForAsync<JobPrinted>(e => e.JobId == "job-1");
        var faulted = await sink.WaitForAsync<PrinterFaulted>(e => e.PrinterId == "m1");
        var rerouted = await sink.WaitForAsync<JobRerouted>(e => e.JobId == "job-1");
        Assert.Equal("t1", printed.PrinterId);
        Assert.Equal(PrinterFaults.PaperOut, faulted.Faults);
        Assert.Equal(("m1", "t1", PrinterFaults.PaperOut), (rerouted.FromPrinterId, rerouted.PrinterIdTo, rerouted.Reason));
        Assert.Equal(["job-1"], JobIds(t));
        Assert.Equal(0, m.LabelsPrinted + m.FormatsInBuffer);
    }

    [Fact]
    public async Task SilentMqttPrinter_FaultsAsNoResponse_ThenRecovers()
    {
        var m = await StartMqttPrinterAsync("m1");
        m.Silent = true;
        var sink = new PrinterEventSink();
        var group = StartGroup(sink, PrinterEndpoint.OverMqtt("m1", Quiet));

        var faulted = await sink.WaitForAsync<PrinterFaulted>();
        m.Silent = false;
        var recovered = await sink.WaitForAsync<PrinterRecovered>();

        Assert.Equal(PrinterFaults.NoResponse, faulted.Faults);
        Assert.Equal(PrinterFaults.NoResponse, recovered.Cleared);
        Assert.True(group.Counters.LinkErrorCount(PrinterLinkError.NoResponse) >= 1);
    }

    [Fact]
    public async Task GarbageOnTheStatusTopic_IsCountedAsABadReply_AndJobsStillPrintElsewhere()
    {
        await using var garbage = await GarbagePrinter.ConnectAsync(_broker.Port, "m1");
        var t = StartEmulator("t1");
        _owned.Add(t);
        var sink = new PrinterEventSink();
        var group = StartGroup(sink, PrinterEndpoint.OverMqtt("m1", Answering), new PrinterEndpoint("t1", Link(t.Port)));

        var faulted = await sink.WaitForAsync<PrinterFaulted>(e => e.PrinterId == "m1");
        // The query after the last garbage proves the worker has counted every earlier reply: it asks only once done with the last.
        await garbage.WaitForQueriesAsync(GarbagePrinter.Replies.Length + 1);
        group.Submit(Job("job-1"), "m1");

        Assert.Equal("t1", (await sink.WaitForAsync<JobPrinted>()).PrinterId);
        Assert.Equal(PrinterFaults.BadStatusReply, faulted.Faults);
        Assert.True(group.Counters.BadReplies.Values.Sum() >= GarbagePrinter.Replies.Length);
        Assert.True(group.Counters.LinkErrorCount(PrinterLinkError.BadReply) >= GarbagePrinter.Replies.Length);
        Assert.Equal(0, group.Counters.EventCallbackFailures);
    }

    [Fact]
    public async Task MqttPrinterWithNoAdapterOnline_IsFaulted_AndItsJobGoesToTheTcpPrinter()
    {
        var t = StartEmulator("t1");
        _owned.Add(t);
        var sink = new PrinterEventSink();
        var group = NewGroup(sink, PrinterEndpoint.OverMqtt("m1", Answering), new PrinterEndpoint("t1", Link(t.Port)));
        group.Submit(Job("job-1"), "m1");
        group.Start();

        Assert.Equal("t1", (await sink.WaitForAsync<JobPrinted>()).PrinterId);
        Assert.Equal(PrinterFaults.ConnectionLost, (await sink.WaitForAsync<PrinterFaulted>(e => e.PrinterId == "m1")).Faults);
    }

    private async Task<ZplPrinterEmulator> StartMqttPrinterAsync(string id)
    {
        var emulator = StartEmulator(id);
        _owned.Add(emulator);
        var adapter = new MqttPrinterAdapter("127.0.0.1", _broker.Port, BrokerHarness.Site, id, emulator);
        _owned.Add(adapter);
        await adapter.ConnectAsync(Guard.Token());
        return emulator;
    }

    private PrinterGroup StartGroup(PrinterEventSink sink, params PrinterEndpoint[] printers)
    {
        var group = NewGroup(sink, printers);
        group.Start();
        return group;
    }

    private PrinterGroup NewGroup(PrinterEventSink sink, params PrinterEndpoint[] printers)
    {
        var group = new PrinterGroup(
            new PrinterGroupOptions
            {
                Name = "line-1",
                Printers = printers,
                PollInterval = TimeSpan.FromMilliseconds(50),
                JobTimeout = TimeSpan.FromSeconds(20),
                Mqtt = new PrinterMqttOptions
                {
                    Site = BrokerHarness.Site,
                    Connection = new MqttConnectionOptions { Port = _broker.Port, ClientId = "agent-" + Guid.NewGuid().ToString("N")[..8] },
                },
            },
            sink.OnEventAsync,
            NullLogger<PrinterGroup>.Instance,
            TimeProvider.System);
        _owned.Add(group);
        return group;
    }
}
