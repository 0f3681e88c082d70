using CloudBridge.Contract.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;
using CloudBridge.JetStream;

namespace CentralLoad;

/// <summary>
/// The reference: the same envelopes published straight to a JetStream stream of the same configuration (R, file
/// storage, message id), the same way the ingress publishes a batch (all of it in flight, then await), from as many
/// concurrent publishers as the ingress run has gateways, over as many partition streams: no gRPC, no ledger, no audit check.
/// </summary>
internal static class RawJetStreamRun
{
    public static async Task<double> RunAsync(string urls, string name, int replicas, int partitions, int publishers, TimeSpan warmup, TimeSpan duration)
    {
        await using var client = new NatsClient(new NatsOpts { Url = urls });
        var js = client.CreateJetStreamContext();
        for (int p = 0; p < partitions; p++)
        {
            await js.CreateOrUpdateStreamAsync(new StreamConfig($"{name}_{p}", [$"{name.ToLowerInvariant()}.{p}.>"])
            {
                Storage = StreamConfigStorage.File,
                NumReplicas = replicas,
                DuplicateWindow = TimeSpan.FromHours(24),
                Discard = StreamConfigDiscard.New,
            });
        }

        var stats = new LoadStats();
        using var stop = new CancellationTokenSource();
        var tasks = Enumerable.Range(0, publishers)
            .Select(p => PublishAsync(js, $"{name.ToLowerInvariant()}.{GatewayPartition.Of(LoadGateway.IdOf(p), partitions)}", LoadGateway.IdOf(p), stats, stop.Token)).ToList();
        await Task.Delay(warmup);
        stats.Start();
        await Task.Delay(duration);
        stats.Stop();
        await stop.CancelAsync();
        await Task.WhenAll(tasks);
        return stats.EventsPerSecond;
    }

    private static async Task PublishAsync(INatsJSContext js, string prefix, string gateway, LoadStats stats, CancellationToken ct)
    {
        ulong[] next = [1, 1, 1];
        var payload = ByteString.CopyFrom(new byte[LaneMix.PayloadBytes]);
        try
        {
            for (int lane = 0; !ct.IsCancellationRequested; lane = (lane + 1) % LaneMix.Lanes.Length)
            {
                var (name, _, size) = LaneMix.Lanes[lane];
                var subject = $"{prefix}.{gateway}.{name}";
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var acks = new Task<PubAckResponse>[size];
                for (int i = 0; i < size; i++)
                {
                    var e = new EventEnvelope { GatewayId = gateway, Lane = name, Sequence = next[lane]++, EventId = Guid.NewGuid().ToString("N"), Type = "load.event", OccurredAt = Timestamp.FromDateTime(DateTime.UtcNow), Payload = payload };
                    acks[i] = js.PublishAsync(subject, e.ToByteArray(), opts: new NatsJSPubOpts { MsgId = e.EventId }, cancellationToken: CancellationToken.None).AsTask();
                }

                foreach (var ack in await Task.WhenAll(acks))
                {
                    ack.EnsureSuccess();
                }

                stats.Acked(size, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
