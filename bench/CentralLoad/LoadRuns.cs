using CloudBridge.Contract.V1;
using Grpc.Net.Client;

namespace CentralLoad;

/// <summary>Runs simulated gateways against ingress replicas: saturated for throughput, paced for capacity.</summary>
internal static class LoadRuns
{
    /// <summary>Events/s acked with <paramref name="gateways"/> saturated gateways spread round robin over the replicas.</summary>
    public static async Task<double> SaturatedAsync(IngressReplicas replicas, int gateways, int firstGateway, TimeSpan warmup, TimeSpan duration, StageTimes? stages = null)
    {
        var stats = new LoadStats();
        await RunAsync(replicas, gateways, firstGateway, 0, TimeSpan.Zero, 8, stats, warmup, duration, stages);
        return stats.EventsPerSecond;
    }

    /// <summary>Gateways paced at <paramref name="eventsPerSecond"/> each: what was acked, and the batch ack latencies.</summary>
    public static async Task<LoadStats> PacedAsync(IngressReplicas replicas, int gateways, int firstGateway, double eventsPerSecond, TimeSpan warmup, TimeSpan duration, StageTimes? stages = null)
    {
        var stats = new LoadStats();
        await RunAsync(replicas, gateways, firstGateway, eventsPerSecond, TimeSpan.FromMilliseconds(250), 32, stats, warmup, duration, stages);
        return stats;
    }

    private static async Task RunAsync(IngressReplicas replicas, int gateways, int firstGateway, double rate, TimeSpan tick, int window, LoadStats stats, TimeSpan warmup, TimeSpan duration, StageTimes? stages = null)
    {
        // One channel (one HTTP/2 connection) per gateway, as real gateways have: gateways sharing one connection would
        // share its flow-control window (Kestrel's default 128 KiB per connection), which bounds them, not the ingress.
        var channels = Enumerable.Range(firstGateway, gateways).Select(g => GrpcChannel.ForAddress(replicas.Addresses[g % replicas.Addresses.Count])).ToList();
        using var stop = new CancellationTokenSource();
        var random = new Random(firstGateway);
        var tasks = Enumerable.Range(firstGateway, gateways).Select(async g =>
        {
            // Spread the ticks so a thousand gateways do not all send in the same millisecond.
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, Math.Max(1, (int)tick.TotalMilliseconds))));
            var gateway = new LoadGateway(LoadGateway.IdOf(g), new Uplink.UplinkClient(channels[g - firstGateway]));
            await gateway.RunAsync(rate, tick, window, stats, stop.Token);
        }).ToList();
        await Task.Delay(warmup);
        stats.Start();
        stages?.Start();
        await Task.Delay(duration);
        stats.Stop();
        stages?.Stop();
        await stop.CancelAsync();
        await Task.WhenAll(tasks);
        channels.ForEach(c => c.Dispose());
    }
}
