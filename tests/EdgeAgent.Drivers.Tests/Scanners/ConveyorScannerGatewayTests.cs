using System.Collections.Concurrent;
using System.Text;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Drivers.Scanners;
using EdgeAgent.Drivers.Tests.Infrastructure;
using EdgeAgent.Simulators.Scanners;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet.Server;

namespace EdgeAgent.Drivers.Tests.Scanners;

public sealed class ConveyorScannerGatewayTests : IAsyncLifetime
{
    private readonly EmbeddedBroker _broker = BrokerHarness.NewEmbeddedBroker();
    private readonly ConcurrentQueue<CartonScanned> _scans = new();

    public Task InitializeAsync() => _broker.StartAsync(Guard.Token());

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task FleetReads_ValidOnesArriveDecoded_FaultyOnesAreDeliveredWithTheirErrorAndCounted()
    {
        var allIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        const int scanners = 2, readsEach = 30;
        await using var gateway = await StartGatewayAsync(scan =>
        {
            _scans.Enqueue(scan);
            if (_scans.Count == scanners * readsEach)
            {
                allIn.TrySetResult();
            }
        });
        await using var fleet = new ScannerFleet(new ScannerFleetOptions { Port = _broker.Port, Scanners = scanners, Rate = 0, Faulty = 0.3, Seed = 7 });
        await fleet.ConnectAsync(Guard.Token());

        await fleet.RunAsync(readsEach, Guard.Token());
        await allIn.Task.WaitAsync(Guard.Token());

        var decoded = _scans.Where(s => s.Sscc is not null).ToList();
        Assert.Equal(fleet.ValidReads, decoded.Count);
        Assert.All(decoded, s => Assert.True(Gs1CheckDigit.IsValid(s.Sscc)));
        var counters = gateway.Counters;
        Assert.Equal(fleet.FaultyReads, _scans.Count(s => s.Sscc is null)); // garbage without an AIM prefix decodes as plain text: no SSCC
        Assert.Equal(_scans.Count(s => s.Error is not null), counters.DecodeErrorsByCode.Values.Sum());
        Assert.True(counters.DecodeErrors(Gs1ErrorCode.BadCheckDigit) > 0);
        Assert.Equal(scanners * readsEach, counters.Delivered);
        foreach (var device in _scans.GroupBy(s => s.DeviceId))
        {
            Assert.Equal(Enumerable.Range(1, readsEach).Select(i => (long)i), device.Select(s => s.Seq)); // belt order
        }
    }

    [Fact]
    public async Task BadPayloads_AreCountedByCode_AndTheGatewayKeepsServing()
    {
        await using var gateway = await StartGatewayAsync(_scans.Enqueue);
        await using var scanner = new ConveyorScanner(new ConveyorScannerOptions { Port = _broker.Port, DeviceId = "SCN-09" });
        await scanner.ConnectAsync(Guard.Token());

        await scanner.SendRawAsync("read", Encoding.UTF8.GetBytes("{\"v\":1,\"seq\":1,\"data\":\"" + new string('x', 5000) + "\"}"), Guard.Token());
        await scanner.SendRawAsync("read", "{not json"u8.ToArray(), Guard.Token());
        await scanner.SendRawAsync("read", "{\"v\":2,\"seq\":1,\"data\":\"x\"}"u8.ToArray(), Guard.Token());
        await scanner.SendRawAsync("read", "{\"v\":1,\"seq\":1}"u8.ToArray(), Guard.Token());
        await scanner.SendRawAsync("read", "{\"v\":1,\"seq\":0,\"data\":\"x\"}"u8.ToArray(), Guard.Token());
        await scanner.SendRawAsync("beep", "{}"u8.ToArray(), Guard.Token());
        await scanner.ReadAsync("]C100376104250021234569", Guard.Token());
        await scanner.SendRawAsync("read", "{\"v\":1,\"seq\":1,\"data\":\"]C100376104250021234569\"}"u8.ToArray(), Guard.Token()); // redelivery
        await scanner.ReadAsync("]C100106141411234567897", Guard.Token());
        await WaitForAsync(() => _scans.Count == 2);

        var counters = gateway.Counters;
        Assert.Equal(1, counters.Dropped(ScannerReadError.PayloadTooLarge));
        Assert.Equal(1, counters.Dropped(ScannerReadError.MalformedJson));
        Assert.Equal(1, counters.Dropped(ScannerReadError.UnsupportedVersion));
        Assert.Equal(1, counters.Dropped(ScannerReadError.MissingField));
        Assert.Equal(1, counters.Dropped(ScannerReadError.BadField));
        Assert.Equal(1, counters.Dropped(ScannerReadError.UnknownChannel));
        Assert.Equal(1, counters.Duplicates);
        Assert.Equal(["376104250021234569", "106141411234567897"], _scans.Select(s => s.Sscc));
        Assert.True(gateway.IsConnected);
    }

    [Fact]
    public async Task AThrowingCallback_CostsOneRead_NotTheGateway()
    {
        var calls = 0;
        await using var gateway = await StartGatewayAsync(scan =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new InvalidOperationException("divert controller down");
            }

            _scans.Enqueue(scan);
        });
        await using var scanner = new ConveyorScanner(new ConveyorScannerOptions { Port = _broker.Port, DeviceId = "SCN-10" });
        await scanner.ConnectAsync(Guard.Token());

        await scanner.ReadAsync("]C100376104250021234569", Guard.Token());
        await scanner.ReadAsync("]C100106141411234567897", Guard.Token());
        await WaitForAsync(() => _scans.Count == 1);

        Assert.Equal(1, gateway.Counters.CallbackFailures);
        Assert.Equal("106141411234567897", Assert.Single(_scans).Sscc);
    }

    [Fact]
    public async Task ReadsQueuedWhileTheHostIsBusy_ComeAsOneBatchInArrivalOrder_AndAreAcknowledgedToTheBrokerOnlyAfterTheHostReturned()
    {
        // A bare MQTTnet server of the test's own, to see the gateway's PUBACKs (the embedded broker does not show them).
        var port = FreePort();
        var serverOptions = new MQTTnet.Server.MqttServerOptionsBuilder().WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(System.Net.IPAddress.Loopback).WithDefaultEndpointPort(port).Build();
        using var server = new MQTTnet.Server.MqttServerFactory().CreateMqttServer(serverOptions);
        var gatewayId = "scan-gw-acks";
        var acks = new ConcurrentQueue<long>();
        server.ClientAcknowledgedPublishPacketAsync += e =>
        {
            if (e.ClientId == gatewayId && e.PublishPacket.Topic.EndsWith("/read", StringComparison.Ordinal))
            {
                using var read = System.Text.Json.JsonDocument.Parse(e.PublishPacket.Payload);
                acks.Enqueue(read.RootElement.GetProperty("seq").GetInt64());
            }

            return Task.CompletedTask;
        };
        await server.StartAsync();
        try
        {
            var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var batches = new ConcurrentQueue<IReadOnlyList<CartonScanned>>();
            var options = new ConveyorScannerGatewayOptions { Site = BrokerHarness.Site, Connection = new MqttConnectionOptions { Port = port, ClientId = gatewayId } };
            await using var gateway = new ConveyorScannerGateway(Options.Create(options), NullLogger<ConveyorScannerGateway>.Instance, TimeProvider.System);
            await gateway.StartAsync(
                async (scans, _) =>
                {
                    batches.Enqueue([.. scans]);
                    first.TrySetResult();
                    await release.Task; // the host's store write (its fsync) takes its time
                    return [];
                },
                Guard.Token());
            await gateway.WaitUntilConnectedAsync(Guard.Token());
            await using var a = new ConveyorScanner(new ConveyorScannerOptions { Port = port, DeviceId = "SCN-A" });
            await using var b = new ConveyorScanner(new ConveyorScannerOptions { Port = port, DeviceId = "SCN-B" });
            await a.ConnectAsync(Guard.Token());
            await b.ConnectAsync(Guard.Token());

            await a.ReadAsync("]C100376104250021234569", Guard.Token());
            await first.Task.WaitAsync(Guard.Token());
            for (var i = 0; i < 10; i++)
            {
                await a.ReadAsync("]C100106141411234567897", Guard.Token());
                await b.ReadAsync("]C100376104250021234569", Guard.Token());
            }

            await WaitForAsync(() => gateway.Counters.Received == 21);
            var acknowledgedWhileBusy = acks.Count;
            release.SetResult();
            await WaitForAsync(() => acks.Count == 21);

            Assert.Equal(0, acknowledgedWhileBusy);
            Assert.Equal(2, batches.Count);
            var second = batches.Last();
            Assert.Equal(Enumerable.Range(2, 10).Select(i => (long)i), second.Where(s => s.DeviceId == "SCN-A").Select(s => s.Seq));
            Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), second.Where(s => s.DeviceId == "SCN-B").Select(s => s.Seq));
            Assert.Equal((21L, 2L, 20L), (gateway.Counters.Delivered, gateway.Counters.Batches, gateway.Counters.LargestBatch));
            // Acknowledged in the order the reads came: SCN-A 1, then A and B alternating.
            Assert.Equal([1L, .. Enumerable.Range(2, 10).SelectMany(i => new[] { (long)i, i - 1 })], acks);
        }
        finally
        {
            await server.StopAsync();
        }
    }

    [Fact]
    public async Task ABatchTheHostFailsAsAWhole_IsHandedAgainReadByRead_SoOneBadReadCostsOnlyItself()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = new ConcurrentQueue<long>();
        var options = new ConveyorScannerGatewayOptions
        {
            Site = BrokerHarness.Site,
            Connection = new MqttConnectionOptions { Port = _broker.Port, ClientId = "scan-gw-" + Guid.NewGuid().ToString("N")[..8] },
        };
        await using var gateway = new ConveyorScannerGateway(Options.Create(options), NullLogger<ConveyorScannerGateway>.Instance, TimeProvider.System);
        await gateway.StartAsync(
            async (scans, _) =>
            {
                await release.Task;
                if (scans.Any(s => s.Seq == 3))
                {
                    throw new InvalidOperationException("read 3 cannot be stored"); // nothing of the batch applied
                }

                foreach (var scan in scans)
                {
                    handled.Enqueue(scan.Seq);
                }

                return [];
            },
            Guard.Token());
        await gateway.WaitUntilConnectedAsync(Guard.Token());
        await using var scanner = new ConveyorScanner(new ConveyorScannerOptions { Port = _broker.Port, DeviceId = "SCN-11" });
        await scanner.ConnectAsync(Guard.Token());

        for (var i = 0; i < 5; i++)
        {
            await scanner.ReadAsync("]C100376104250021234569", Guard.Token());
        }

        await WaitForAsync(() => gateway.Counters.Received == 5);
        release.SetResult();
        await WaitForAsync(() => gateway.Counters.Delivered + gateway.Counters.CallbackFailures == 5);

        Assert.Equal([1L, 2L, 4L, 5L], handled);
        Assert.Equal(1, gateway.Counters.CallbackFailures);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var token = Guard.Token();
        while (!condition())
        {
            await Task.Yield();
            await Task.Delay(10, token); // polls a condition; asserts nothing about time
        }
    }

    private async Task<ConveyorScannerGateway> StartGatewayAsync(Action<CartonScanned> onScan)
    {
        var options = new ConveyorScannerGatewayOptions
        {
            Site = BrokerHarness.Site,
            Connection = new MqttConnectionOptions { Port = _broker.Port, ClientId = "scan-gw-" + Guid.NewGuid().ToString("N")[..8] },
        };
        var gateway = new ConveyorScannerGateway(Options.Create(options), NullLogger<ConveyorScannerGateway>.Instance, TimeProvider.System);
        await gateway.StartAsync((scan, _) => { onScan(scan); return Task.CompletedTask; }, Guard.Token());
        await gateway.WaitUntilConnectedAsync(Guard.Token());
        return gateway;
    }
}
