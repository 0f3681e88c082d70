using System.Collections.Concurrent;
using System.Text;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Drivers.Scanners;
using EdgeAgent.Drivers.Tests.Infrastructure;
using EdgeAgent.Simulators.Scanners;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

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
