using CloudBridge.Central.Tests.Infrastructure;
using CloudBridge.Contract.V1;
using CloudBridge.Sinks;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudBridge.Central.Tests;

public sealed class FileSinkTests
{
    [Fact]
    public async Task Restart_RecoversDedupState_AndCutsATornTail()
    {
        using var dir = new TempDirectory();
        using (var sink = new FileSink(dir.Path, NullLogger<FileSink>.Instance))
        {
            Assert.Equal(5, await sink.WriteAsync("dc-1", "business", Events(1, 5), CancellationToken.None));
            Assert.Equal(5, await sink.WriteAsync("dc-1", "business", Events(6, 5), CancellationToken.None));
        }

        // A crash in the middle of a write leaves half a record behind.
        await File.AppendAllBytesAsync(Path.Combine(dir.Path, "events", "dc-1", "business.log"), [0x40, 0x00, 0x00, 0x00, 0x0A, 0x01]);

        using var reopened = new FileSink(dir.Path, NullLogger<FileSink>.Instance);
        Assert.Equal(10, await reopened.GetHighWaterMarkAsync("dc-1", "business", CancellationToken.None));
        Assert.Equal(0, await reopened.WriteAsync("dc-1", "business", Events(8, 3), CancellationToken.None));
        Assert.Equal(2, await reopened.WriteAsync("dc-1", "business", Events(9, 4), CancellationToken.None));
        var stored = new List<ulong>();
        await foreach (var e in reopened.ReadAsync("dc-1", "business", 0, CancellationToken.None))
        {
            stored.Add(e.Sequence);
        }

        Assert.Equal(Enumerable.Range(1, 12).Select(i => (ulong)i), stored);
    }

    internal static List<EventEnvelope> Events(long from, int count, string gateway = "dc-1", string lane = "business") =>
        Enumerable.Range(0, count).Select(i => new EventEnvelope
        {
            GatewayId = gateway,
            Lane = lane,
            Sequence = (ulong)(from + i),
            EventId = $"{gateway}-{lane}-{from + i}".GetHashCode(StringComparison.Ordinal).ToString("x8", System.Globalization.CultureInfo.InvariantCulture).PadLeft(32, '0'),
            Type = "test.event",
            OccurredAt = Timestamp.FromDateTime(DateTime.UtcNow),
            Payload = Google.Protobuf.ByteString.CopyFromUtf8("{\"sku\":\"A-1\",\"qty\":1,\"pad\":\"" + new string('x', 70) + "\"}"),
        }).ToList();
}
