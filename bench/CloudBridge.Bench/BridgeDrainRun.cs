using System.Diagnostics;
using CloudBridge.Ingress;
using CloudBridge.Outbox;
using CloudBridge.Uplink;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudBridge.Bench;

/// <summary>What one bridge drain run measured.</summary>
internal sealed record BridgeDrainResult(double FillPerSecond, TimeSpan ReopenAndStatus, TimeSpan FirstAck, double DrainPerSecond, long CentralHighWaterMark, ReadAheadFigures PeakHeld, long EventsRead);

/// <summary>
/// Fills the outbox in the agent's DurableStore (writes of 1,000, fsynced), reopens it, then drains it through the real
/// uplink sender into the real ingress with the file sink (fsync per batch).
/// </summary>
internal static class BridgeDrainRun
{
    public static async Task<BridgeDrainResult> RunAsync(int events, int batchSize, int window, byte[] payload, string directory)
    {
        var edgeDir = Path.Combine(directory, "edge");
        var outboxOptions = new OutboxOptions { QuotaBytes = 4L * 1024 * 1024 * 1024 };
        var fill = Stopwatch.StartNew();
        await using (var store = AgentOutboxStore.Open(edgeDir))
        {
            var outbox = store.NewOutbox(outboxOptions);
            for (int done = 0; done < events; done += 1000)
            {
                int n = Math.Min(1000, events - done);
                await store.WriteAsync(db =>
                {
                    for (int i = 0; i < n; i++)
                    {
                        outbox.Append(db, OutboxOptions.Business, "bench.event", payload);
                    }

                    return n;
                }, CancellationToken.None);
            }
        }

        fill.Stop();

        // The agent restarting with a full outbox: open the store and compute the status the host would show.
        var reopen = Stopwatch.StartNew();
        await using var edgeStore = AgentOutboxStore.Open(edgeDir);
        var edgeOutbox = edgeStore.NewOutbox(outboxOptions);
        var backlog = edgeStore.Read(db => edgeOutbox.Backlog(db));
        reopen.Stop();
        if (backlog.Single(b => b.Lane == OutboxOptions.Business).Events != events)
        {
            throw new InvalidOperationException("outbox fill incomplete");
        }

        await using var ingress = IngressApp.Build(["--Logging:LogLevel:Default=Warning"], o =>
        {
            o.DataDirectory = Path.Combine(directory, "central");
            o.Port = 0;
            o.Gateways["dc-bench"] = new GatewayCredential { Token = "bench" };
        });
        await ingress.StartAsync();
        var options = new UplinkOptions
        {
            Address = $"http://127.0.0.1:{IngressApp.BoundPort(ingress)}",
            GatewayId = "dc-bench",
            Token = "bench",
            BatchSize = batchSize,
            MaxInFlightBatches = window,
        };
        using var channel = BridgeChannel.Create(options);
        using var sender = new UplinkSender(new Contract.V1.Uplink.UplinkClient(channel), edgeStore, edgeOutbox, options, TimeProvider.System, NullLogger<UplinkSender>.Instance);
        var drain = Stopwatch.StartNew();
        TimeSpan firstAck = TimeSpan.Zero;
        await sender.StartAsync(CancellationToken.None);
        while (true)
        {
            var status = sender.GetStatus();
            if (firstAck == TimeSpan.Zero && status.EventsAcked > 0)
            {
                firstAck = drain.Elapsed;
            }

            if (status.EventsAcked >= events)
            {
                break;
            }

            await Task.Delay(20);
        }

        drain.Stop();
        var drained = sender.GetStatus();
        await sender.StopAsync(CancellationToken.None);
        await ingress.StopAsync();
        long hwm = await ((Sinks.ISink)ingress.Services.GetService(typeof(Sinks.ISink))!).GetHighWaterMarkAsync("dc-bench", OutboxOptions.Business, CancellationToken.None);
        return new BridgeDrainResult(events / fill.Elapsed.TotalSeconds, reopen.Elapsed, firstAck, events / drain.Elapsed.TotalSeconds, hwm, drained.PeakHeld, drained.EventsRead);
    }
}
