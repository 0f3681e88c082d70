namespace ChaosRunner;

/// <summary>One family's counts: accepted = delivered + named_missing + damage_named + lost.</summary>
/// <param name="DamageNamed">Acknowledged work a damaged store lost that the agent named at its open (<see cref="NamedLoss"/>).</param>
internal sealed record Tally(int Accepted, int Delivered, int NamedMissing, int Lost, int Duplicated, int OutOfOrder, int DamageNamed = 0)
{
    public static readonly Tally Zero = new(0, 0, 0, 0, 0, 0);

    public static Tally operator +(Tally a, Tally b) => new(
        a.Accepted + b.Accepted, a.Delivered + b.Delivered, a.NamedMissing + b.NamedMissing, a.Lost + b.Lost, a.Duplicated + b.Duplicated, a.OutOfOrder + b.OutOfOrder, a.DamageNamed + b.DamageNamed);

    public override string ToString() =>
        $"accepted={Accepted} delivered={Delivered} named_missing={NamedMissing} damage_named={DamageNamed} lost={Lost} duplicated={Duplicated} out_of_order={OutOfOrder}";
}

/// <summary>
/// The conveyor's devices against the two records. Scanners and IO-Link masters cannot read an answer; the agent's
/// promise to them (the repository README's delivery table) is: every message's effect is stored with the device's
/// number, and a number that never reached the store is named, durably, as <c>device.reads-missing</c> (an exception
/// case). So an accepted message is <b>delivered</b> when found, <b>named_missing</b> when a gap the agent recorded
/// covers it in the store and at central, and <b>lost</b> otherwise (silently lost: the one failure).
/// </summary>
internal static class ConveyorReconciler
{
    /// <summary>
    /// Carton reads: the read's <c>carton.*</c> event (scanned, unknown or no-read, by scanner and <c>seq</c>) in the store
    /// and at central, once each; central holds each scanner's reads in the order the scanner numbered them.
    /// </summary>
    public static Tally CountReads(IReadOnlyDictionary<string, IReadOnlyList<long>> accepted, ConveyorRecord store, ConveyorRecord central, TextWriter report)
    {
        int total = 0, delivered = 0, named = 0, lost = 0, duplicated = 0, outOfOrder = 0;
        foreach (var (device, seqs) in accepted.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            long lastLaneSeq = 0;
            foreach (var seq in seqs)
            {
                total++;
                int inStore = store.Reads.GetValueOrDefault((device, seq))?.Count ?? 0;
                var atCentral = central.Reads.GetValueOrDefault((device, seq)) ?? [];
                if (inStore >= 1 && atCentral.Count >= 1)
                {
                    delivered++;
                }
                else if (inStore == 0 && store.Named("scanner", device, seq) && central.Named("scanner", device, seq))
                {
                    named++;
                }
                else
                {
                    lost++;
                    report.WriteLine($"LOST carton read {device} seq {seq}: store has {inStore}, central has {atCentral.Count}, named missing: store {store.Named("scanner", device, seq)}, central {central.Named("scanner", device, seq)}");
                }

                if (inStore > 1 || atCentral.Count > 1)
                {
                    duplicated++;
                    report.WriteLine($"DUPLICATE carton read {device} seq {seq}: store has {inStore}, central has {atCentral.Count}");
                }

                if (atCentral.Count >= 1)
                {
                    if (atCentral[0] < lastLaneSeq)
                    {
                        outOfOrder++;
                        report.WriteLine($"OUT OF ORDER carton read {device} seq {seq}: lane sequence {atCentral[0]} after {lastLaneSeq}");
                    }

                    lastLaneSeq = Math.Max(lastLaneSeq, atCentral[0]);
                }
            }
        }

        return new Tally(total, delivered, named, lost, duplicated, outOfOrder);
    }

    /// <summary>
    /// Sensor edges (IO-Link port messages of the photo-eyes): the agent stores each master's number before it
    /// acknowledges the broker and names every jump, so an edge is delivered when the store's last number for its
    /// master is at or past it and no named gap covers it. An edge itself reaches central only as the telemetry it
    /// derives (<c>carton.detected</c>, sheddable by design), so central is asked for the named gaps only.
    /// </summary>
    public static Tally CountEdges(IReadOnlyDictionary<string, IReadOnlyList<long>> accepted, ConveyorRecord store, ConveyorRecord central, TextWriter report)
    {
        int total = 0, delivered = 0, named = 0, lost = 0;
        foreach (var (master, seqs) in accepted.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            long last = store.LastNumbers.GetValueOrDefault("iolink/" + master);
            foreach (var seq in seqs)
            {
                total++;
                bool namedInStore = store.Named("iolink", master, seq);
                if (namedInStore && central.Named("iolink", master, seq))
                {
                    named++;
                }
                else if (!namedInStore && seq <= last)
                {
                    delivered++;
                }
                else
                {
                    lost++;
                    report.WriteLine($"LOST sensor edge {master} seq {seq}: the store's last number is {last}, named missing: store {namedInStore}, central {central.Named("iolink", master, seq)}");
                }
            }
        }

        return new Tally(total, delivered, named, lost, 0, 0);
    }
}
