using CloudBridge.Contract.V1;

namespace ErpSimulator;

/// <summary>Reads what a gateway shipped uplink on one lane and summarises it.</summary>
internal sealed class UplinkReader(ErpClient erp)
{
    public async Task<int> ReadAsync(SimulatorSettings settings, CancellationToken ct)
    {
        var byType = new SortedDictionary<string, int>(StringComparer.Ordinal);
        ulong first = 0, last = 0;
        long count = 0;
        using var call = erp.Admin.ReadEvents(new ReadEventsRequest { GatewayId = settings.Gateway, Lane = settings.Lane, AfterSequence = settings.After }, erp.Headers, cancellationToken: ct);
        while (await call.ResponseStream.MoveNext(ct))
        {
            var e = call.ResponseStream.Current;
            first = first == 0 ? e.Sequence : first;
            last = e.Sequence;
            count++;
            byType[e.Type] = byType.GetValueOrDefault(e.Type) + 1;
        }

        Console.WriteLine($"{settings.Gateway}/{settings.Lane}: {count} events, sequences {first}..{last}");
        foreach (var (type, n) in byType)
        {
            Console.WriteLine($"  {type}: {n}");
        }

        return 0;
    }
}
