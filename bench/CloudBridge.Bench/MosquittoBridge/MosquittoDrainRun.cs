using System.Diagnostics;

namespace CloudBridge.Bench.MosquittoBridge;

/// <summary>
/// The backlog drain people build today: an edge Mosquitto with persistence bridged (QoS 1, persistent session) to a
/// central Mosquitto. Central goes down, the backlog is published to the edge, central comes back and its consumer's
/// persistent session receives everything the bridge forwards.
/// </summary>
internal static class MosquittoDrainRun
{
    private const int PublishWindow = 500;
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(30);

    public static async Task<MosquittoDrainResult> RunAsync(int events, byte[] payload, string directory, MosquittoSettings settings, CancellationToken ct)
    {
        var edgeDir = Directory.CreateDirectory(Path.Combine(directory, "edge")).FullName;
        var centralDir = Directory.CreateDirectory(Path.Combine(directory, "central")).FullName;
        int edgePort = MosquittoProcess.FreePort();
        int centralPort = MosquittoProcess.FreePort();
        string edgeConfig = Path.Combine(edgeDir, "mosquitto.conf");
        string centralConfig = Path.Combine(centralDir, "mosquitto.conf");
        await File.WriteAllTextAsync(edgeConfig, settings.Edge(edgePort, centralPort, edgeDir), ct);
        await File.WriteAllTextAsync(centralConfig, settings.Central(centralPort, centralDir), ct);
        string centralLog = Path.Combine(centralDir, "mosquitto.log");

        using var subscriber = new DrainSubscriber(events);

        // The link has been up once: the bridge's and the consumer's sessions exist on central before it goes away.
        // Central first, so the bridge's first attempt succeeds instead of waiting out a backoff.
        await using var firstCentral = await MosquittoProcess.StartAsync(centralConfig, centralPort, centralLog);
        await using var edge = await MosquittoProcess.StartAsync(edgeConfig, edgePort, Path.Combine(edgeDir, "mosquitto.log"));
        await subscriber.ConnectAsync(centralPort, ct);
        await WaitForProbeAsync(edgePort, subscriber, payload, ct);
        await firstCentral.StopAsync();

        await Task.Delay(200, ct);
        var fill = Stopwatch.StartNew();
        long acked = await BacklogPublisher.PublishAsync(edgePort, events, payload, PublishWindow, ct);
        fill.Stop();
        if (acked != events)
        {
            throw new InvalidOperationException($"edge broker acknowledged {acked} of {events}");
        }

        var drain = Stopwatch.StartNew();
        await using var central = await MosquittoProcess.StartAsync(centralConfig, centralPort, centralLog);
        await subscriber.ConnectAsync(centralPort, ct);
        var (firstMessage, lastMessage) = await WaitForAllAsync(subscriber, events, drain, ct);

        // Late repeats after the last new message still count as duplicates.
        await Task.Delay(1000, ct);
        return new MosquittoDrainResult
        {
            Sent = events,
            Acked = acked,
            FillPerSecond = events / fill.Elapsed.TotalSeconds,
            FirstMessage = firstMessage,
            Drain = lastMessage,
            Received = subscriber.Received,
            Duplicates = subscriber.Duplicates,
            Distinct = subscriber.Distinct,
            Settings = settings,
        };
    }

    private static async Task WaitForProbeAsync(int edgePort, DrainSubscriber subscriber, byte[] payload, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (subscriber.Probes == 0)
        {
            if (deadline.Elapsed > Stall)
            {
                throw new InvalidOperationException("the edge→central bridge did not connect");
            }

            await ProbePublisher.PublishAsync(edgePort, payload, ct);
            await Task.Delay(200, ct);
        }
    }

    /// <summary>Polls until every message arrived or none arrived for <see cref="Stall"/>; returns when the first and the last new one were seen.</summary>
    private static async Task<(TimeSpan First, TimeSpan Last)> WaitForAllAsync(DrainSubscriber subscriber, int events, Stopwatch drain, CancellationToken ct)
    {
        TimeSpan first = TimeSpan.Zero;
        TimeSpan last = TimeSpan.Zero;
        long lastDistinct = 0;
        while (subscriber.Distinct < events && drain.Elapsed - last < Stall)
        {
            long distinct = subscriber.Distinct;
            if (distinct != lastDistinct)
            {
                first = lastDistinct == 0 ? drain.Elapsed : first;
                lastDistinct = distinct;
                last = drain.Elapsed;
            }

            await Task.Delay(5, ct);
        }

        return (first, subscriber.Distinct == lastDistinct ? last : drain.Elapsed);
    }
}
