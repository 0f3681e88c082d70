using System.Diagnostics;
using System.Globalization;
using CloudBridge.Contract.V1;
using CloudBridge.JetStream;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;

namespace CentralLoad;

/// <summary>
/// The reference, like for like with what the ingress sends JetStream: the same stored form (a <c>StoredEvents</c> message
/// holding a run of one lane's envelopes, with the same headers: message id, expected last subject sequence, format), the
/// same number of events per message per lane, the same in-flight window (one message in flight per gateway and lane,
/// the next published after its ack, as the ingress must to keep a lane's order), as many publishers as the ingress run
/// has gateways, over as many partition streams of the same configuration. What it leaves out is the ingress's own
/// work: gRPC, validation, the ledger's compare-and-set, the audit check.
/// </summary>
internal static class RawJetStreamRun
{
    public static async Task<double> RunAsync(string urls, string name, int replicas, int partitions, int publishers, IReadOnlyList<int> eventsPerMessage, TimeSpan warmup, TimeSpan duration)
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
        var tasks = Enumerable.Range(0, publishers).SelectMany(p => Enumerable.Range(0, LaneMix.Lanes.Length).Select(lane =>
            PublishLaneAsync(js, $"{name.ToLowerInvariant()}.{GatewayPartition.Of(LoadGateway.IdOf(p), partitions)}", LoadGateway.IdOf(p), lane, eventsPerMessage[lane], stats, stop.Token))).ToList();
        await Task.Delay(warmup);
        stats.Start();
        await Task.Delay(duration);
        stats.Stop();
        await stop.CancelAsync();
        await Task.WhenAll(tasks);
        return stats.EventsPerSecond;
    }

    private static async Task PublishLaneAsync(INatsJSContext js, string prefix, string gateway, int lane, int size, LoadStats stats, CancellationToken ct)
    {
        var payload = ByteString.CopyFrom(new byte[LaneMix.PayloadBytes]);
        var name = LaneMix.Lanes[lane].Lane;
        var subject = $"{prefix}.{gateway}.{name}";
        ulong next = 1;
        ulong last = 0;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var message = new StoredEvents();
                var now = Timestamp.FromDateTime(DateTime.UtcNow);
                for (int i = 0; i < size; i++)
                {
                    message.Events.Add(new EventEnvelope { GatewayId = gateway, Lane = name, Sequence = next + (ulong)i, EventId = Guid.NewGuid().ToString("N"), Type = "load.event", OccurredAt = now, Payload = payload });
                }

                var started = Stopwatch.GetTimestamp();
                var opts = new NatsJSPubOpts { MsgId = $"{gateway}/{name}/{next.ToString(CultureInfo.InvariantCulture)}", ExpectedLastSubjectSequence = last };
                var headers = new NatsHeaders { [StoredEvents.FormatHeader] = StoredEvents.Format };
                var ack = await js.PublishAsync(subject, message.ToByteArray(), opts: opts, headers: headers, cancellationToken: CancellationToken.None);
                ack.EnsureSuccess();
                last = ack.Seq;
                next += (ulong)size;
                stats.Acked(size, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
