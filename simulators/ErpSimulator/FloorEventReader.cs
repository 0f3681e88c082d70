using CentralConsumer;

namespace ErpSimulator;

/// <summary>The ERP reading floor events the way a real one would: its own durable consumer on central's JetStream.</summary>
internal static class FloorEventReader
{
    public static async Task<int> ReadAsync(SimulatorSettings settings, CancellationToken ct)
    {
        var source = new FloorEventSource
        {
            Url = settings.Nats,
            Stream = settings.Stream,
            Partitions = settings.Partitions,
            SubjectPrefix = settings.SubjectPrefix,
            Gateway = settings.Gateway,
            Lane = settings.Lane,
        };
        await using var consumer = new FloorEventConsumer(source);
        var byType = new SortedDictionary<string, int>(StringComparer.Ordinal);
        if (settings.From is { } from)
        {
            var replayed = await consumer.ReplayAsync(from, ct);
            replayed.ForEach(e => Count(byType, e));
            Console.WriteLine($"replayed {replayed.Count} floor events stored since {from:O} ({source.SubjectPrefix}.*.{source.Gateway}.{source.Lane})");
        }
        else
        {
            int handled = await consumer.ConsumePendingAsync(settings.Durable, (e, _) =>
            {
                Count(byType, e);
                return ValueTask.CompletedTask;
            }, ct);
            Console.WriteLine($"durable consumer '{settings.Durable}': {handled} new floor events ({source.SubjectPrefix}.*.{source.Gateway}.{source.Lane}); acknowledged, so the next run starts after them");
        }

        foreach (var (type, count) in byType)
        {
            Console.WriteLine($"  {type,-28} {count}");
        }

        return 0;
    }

    private static void Count(SortedDictionary<string, int> byType, ReceivedFloorEvent e) =>
        byType[e.Event.Type] = byType.GetValueOrDefault(e.Event.Type) + 1;
}
