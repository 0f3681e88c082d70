using CloudBridge.Contract.V1;
using Grpc.Core;

namespace CloudBridge.Ingress;

/// <summary>The continuity rule both ledgers apply: drop what is at or below the mark, refuse an unannounced gap.</summary>
internal static class LaneContinuity
{
    /// <summary>The events above <paramref name="highWaterMark"/>; <paramref name="gap"/> is set when they do not continue it.</summary>
    public static List<EventEnvelope> Fresh(UplinkBatch batch, long highWaterMark, out Status? gap)
    {
        var fresh = batch.Events.Where(e => (long)e.Sequence > highWaterMark).ToList();
        gap = null;
        if (fresh.Count > 0)
        {
            long first = (long)fresh[0].Sequence;
            bool shedGap = batch.SkipTo != 0 && (long)batch.SkipTo == first && batch.Events[0].Sequence == batch.SkipTo;
            if (first != highWaterMark + 1 && !shedGap)
            {
                gap = new Status(StatusCode.FailedPrecondition, $"sequence gap on lane '{batch.Lane}': expected {highWaterMark + 1}, got {first}");
            }
        }

        return fresh;
    }

    public static UplinkAck Ack(UplinkBatch batch, int stored) => new()
    {
        Lane = batch.Lane,
        AckedThrough = batch.Events[^1].Sequence,
        BatchId = batch.BatchId,
        Duplicates = (uint)(batch.Events.Count - stored),
    };
}
