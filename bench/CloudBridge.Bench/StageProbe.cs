using System.Diagnostics;
using CloudBridge.Contract.V1;
using CloudBridge.Outbox;
using CloudBridge.Sinks;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudBridge.Bench;

/// <summary>Times each stage of the drain alone (per batch), to say where the bridge's time goes.</summary>
internal static class StageProbe
{
    public static async Task<(double ReadMs, double SinkMs, double AckMs)> RunAsync(string directory, byte[] payload, int batches, int batchSize)
    {
        await using var store = AgentOutboxStore.Open(Path.Combine(directory, "probe-edge"));
        var outbox = store.NewOutbox(new OutboxOptions { QuotaBytes = 1L << 34 });
        for (int b = 0; b < batches; b++)
        {
            await store.WriteAsync(db =>
            {
                for (int i = 0; i < batchSize; i++)
                {
                    outbox.Append(db, OutboxOptions.Business, "bench.event", payload);
                }

                return 0;
            }, CancellationToken.None);
        }

        var read = Stopwatch.StartNew();
        var all = new List<IReadOnlyList<OutboxEvent>>();
        for (int b = 0; b < batches; b++)
        {
            all.Add(store.Read(db => outbox.ReadAfter(db, OutboxOptions.Business, (long)b * batchSize, batchSize)));
        }

        read.Stop();
        using var sink = new FileSink(Path.Combine(directory, "probe-central"), NullLogger<FileSink>.Instance);
        var envelopes = all.Select(batch => batch.Select(e => new EventEnvelope
        {
            GatewayId = "dc-probe", Lane = e.Lane, Sequence = (ulong)e.Sequence, EventId = e.EventId, Type = e.Type,
            OccurredAt = Timestamp.FromDateTime(e.OccurredAtUtc), Payload = UnsafeByteOperations.UnsafeWrap(e.Payload),
        }).ToList()).ToList();
        var sinkTime = Stopwatch.StartNew();
        foreach (var batch in envelopes)
        {
            await sink.WriteAsync("dc-probe", OutboxOptions.Business, batch, CancellationToken.None);
        }

        sinkTime.Stop();
        var ack = Stopwatch.StartNew();
        for (int b = 1; b <= batches; b++)
        {
            long through = (long)b * batchSize;
            await store.WriteAsync(db => outbox.Acknowledge(db, OutboxOptions.Business, through), CancellationToken.None);
        }

        ack.Stop();
        var result = (read.Elapsed.TotalMilliseconds / batches, sinkTime.Elapsed.TotalMilliseconds / batches, ack.Elapsed.TotalMilliseconds / batches);
        Console.WriteLine($"per batch of {batchSize}: outbox read {result.Item1:N2} ms, file sink write+fsync {result.Item2:N2} ms, outbox ack mark+fsync {result.Item3:N2} ms");
        return result;
    }
}
