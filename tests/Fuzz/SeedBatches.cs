using CloudBridge.Contract.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace EdgeAgent.Fuzz;

/// <summary>Writes the committed seed batches of the <c>batch</c> target (protobuf is easier to make than to type).</summary>
internal static class SeedBatches
{
    public static void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, "business-3"), Batch(7, "business", 41, 3, 120).ToByteArray());
        File.WriteAllBytes(Path.Combine(directory, "audit-1"), Batch(8, "audit", 1, 1, 300).ToByteArray());
        File.WriteAllBytes(Path.Combine(directory, "telemetry-gap"), Batch(9, "telemetry", 5, 2, 16, gapAfterFirst: true).ToByteArray());
    }

    private static UplinkBatch Batch(ulong id, string lane, ulong first, int count, int payloadBytes, bool gapAfterFirst = false)
    {
        var batch = new UplinkBatch { BatchId = id, Lane = lane };
        for (int i = 0; i < count; i++)
        {
            batch.Events.Add(new EventEnvelope
            {
                GatewayId = "gw1",
                Lane = lane,
                Sequence = first + (ulong)i + (gapAfterFirst && i > 0 ? 1UL : 0UL),
                EventId = new Guid(7, 0, 0, [0, 0, 0, 0, 0, 0, 0, (byte)(id * 10 + (ulong)i)]).ToString("N"),
                Type = "task.picked",
                OccurredAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 1, 31, 8, 0, 0, TimeSpan.Zero)),
                Payload = ByteString.CopyFrom(new byte[payloadBytes]),
            });
        }

        return batch;
    }
}
