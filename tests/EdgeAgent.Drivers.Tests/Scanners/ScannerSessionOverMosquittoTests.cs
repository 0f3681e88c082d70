using System.Collections.Concurrent;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Drivers.Scanners;
using EdgeAgent.Drivers.Tests.Infrastructure;
using EdgeAgent.Simulators.Scanners;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Drivers.Tests.Scanners;

/// <summary>
/// The scanner gateway on a persistent session (<see cref="MqttConnectionOptions.SessionExpiry"/>) of a real Mosquitto:
/// reads a session was handed but never acknowledged (the agent went away before its PUBACKs) come to the next session
/// with the same client id, marked as redelivered, so the store can tell them from a scanner numbering again.
/// </summary>
public sealed class ScannerSessionOverMosquittoTests(MosquittoFixture mosquitto) : IClassFixture<MosquittoFixture>
{
    private const int Reads = 3;

    [Fact]
    public async Task ReadsHandedOverButNotAcknowledged_ComeToTheNextSession_MarkedRedelivered()
    {
        var ct = Guard.Token();
        var connection = new MqttConnectionOptions { Port = mosquitto.Port, ClientId = "edgeagent-gw9-scanners", SessionExpiry = TimeSpan.FromMinutes(5) };
        var handedToFirst = new ConcurrentQueue<CartonScanned>();
        var handed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (var first = NewGateway(connection))
        {
            // The first session takes its batch and never finishes it: the agent dies between store and PUBACK.
            await first.StartAsync(
                async (scans, token) =>
                {
                    foreach (var scan in scans)
                    {
                        handedToFirst.Enqueue(scan);
                    }

                    handed.TrySetResult();
                    await Task.Delay(Timeout.Infinite, token);
                    return [];
                },
                ct);
            await first.WaitUntilConnectedAsync(ct);
            await using var scanner = new ConveyorScanner(new ConveyorScannerOptions { Port = mosquitto.Port, Site = BrokerHarness.Site, DeviceId = "SCN-20" });
            await scanner.ConnectAsync(ct);
            for (var i = 1; i <= Reads; i++)
            {
                await scanner.ReadAsync(LabelCodes.SsccRead(LabelCodes.Sscc(0, "0614141", i)), ct);
            }

            await handed.Task.WaitAsync(ct);
        }

        var handedToSecond = new ConcurrentQueue<CartonScanned>();
        var allIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var second = NewGateway(connection);
        await second.StartAsync(
            (scan, _) =>
            {
                handedToSecond.Enqueue(scan);
                if (handedToSecond.Count == Reads)
                {
                    allIn.TrySetResult();
                }

                return Task.CompletedTask;
            },
            ct);
        await allIn.Task.WaitAsync(ct);

        Assert.Equal([1L, 2L, 3L], handedToSecond.Select(s => s.Seq));
        Assert.NotEmpty(handedToFirst);
        Assert.All(handedToFirst, before => Assert.True(handedToSecond.Single(s => s.Seq == before.Seq).Redelivered, $"read {before.Seq} not marked redelivered"));
    }

    private static ConveyorScannerGateway NewGateway(MqttConnectionOptions connection) =>
        new(Options.Create(new ConveyorScannerGatewayOptions { Site = BrokerHarness.Site, Connection = connection }), NullLogger<ConveyorScannerGateway>.Instance, TimeProvider.System);
}
