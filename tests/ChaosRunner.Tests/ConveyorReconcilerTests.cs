using ChaosRunner;
using CloudBridge.Contract.Floor.V1;

namespace ChaosRunner.Tests;

public sealed class ConveyorReconcilerTests
{
    private readonly ConveyorRecord _store = new();
    private readonly ConveyorRecord _central = new();
    private readonly StringWriter _report = new();

    private static Dictionary<string, IReadOnlyList<long>> Accepted(string device, params long[] seqs) => new() { [device] = seqs };

    private void Read(string device, long seq, long laneSeq, bool inStore = true, bool atCentral = true)
    {
        if (inStore)
        {
            _store.Reads[(device, seq)] = [.. _store.Reads.GetValueOrDefault((device, seq)) ?? [], 0];
        }

        if (atCentral)
        {
            _central.Add(new FloorEvent { DeviceId = device, Seq = seq, CartonUnknown = new CartonUnknown { Sscc = "006141410000000001" } }, laneSeq);
        }
    }

    private void Gap(string family, string device, long first, long last, bool atCentral = true)
    {
        _store.Gaps.Add((family, device, first, last));
        if (atCentral)
        {
            _central.Add(new FloorEvent { DeviceId = device, Seq = last + 1, DeviceReadsMissing = new DeviceReadsMissing { Family = family, FirstMissing = first, LastMissing = last } }, 99);
        }
    }

    [Fact]
    public void ReadInStoreAndAtCentral_IsDelivered()
    {
        Read("SCN-1", 1, 10);
        Read("SCN-1", 2, 11);

        var tally = ConveyorReconciler.CountReads(Accepted("SCN-1", 1, 2), _store, _central, _report);

        Assert.Equal(new Tally(2, 2, 0, 0, 0, 0), tally);
    }

    [Fact]
    public void AcknowledgedReadTheAgentNamedMissing_InStoreAndAtCentral_IsNamedMissing_NotLost()
    {
        Read("SCN-1", 1, 10);
        Gap("scanner", "SCN-1", 2, 3);
        Read("SCN-1", 4, 12);

        var tally = ConveyorReconciler.CountReads(Accepted("SCN-1", 1, 2, 3, 4), _store, _central, _report);

        Assert.Equal(new Tally(4, 2, 2, 0, 0, 0), tally);
    }

    [Fact]
    public void ReadMissing_WithTheGapNamedOnlyInTheStore_IsLost_AndSaidSo()
    {
        Gap("scanner", "SCN-1", 1, 1, atCentral: false);

        var tally = ConveyorReconciler.CountReads(Accepted("SCN-1", 1), _store, _central, _report);

        Assert.Equal(1, tally.Lost);
        Assert.Contains("LOST carton read SCN-1 seq 1", _report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadStoredButNeverAtCentral_IsLost()
    {
        Read("SCN-1", 1, 10, atCentral: false);

        Assert.Equal(1, ConveyorReconciler.CountReads(Accepted("SCN-1", 1), _store, _central, _report).Lost);
    }

    [Fact]
    public void ReadRecordedTwice_IsDuplicated()
    {
        Read("SCN-1", 1, 10);
        Read("SCN-1", 1, 11);

        Assert.Equal(1, ConveyorReconciler.CountReads(Accepted("SCN-1", 1), _store, _central, _report).Duplicated);
    }

    [Fact]
    public void ReadsAtCentralInAnotherOrderThanTheScannerNumberedThem_AreOutOfOrder()
    {
        Read("SCN-1", 1, 20);
        Read("SCN-1", 2, 10);

        Assert.Equal(1, ConveyorReconciler.CountReads(Accepted("SCN-1", 1, 2), _store, _central, _report).OutOfOrder);
    }

    [Fact]
    public void EdgeAtOrBelowTheMastersStoredNumber_IsDelivered_AndOnePastIt_IsLost()
    {
        _store.LastNumbers["iolink/iol-1"] = 5;

        var tally = ConveyorReconciler.CountEdges(Accepted("iol-1", 4, 5, 6), _store, _central, _report);

        Assert.Equal(new Tally(3, 2, 0, 1, 0, 0), tally);
        Assert.Contains("LOST sensor edge iol-1 seq 6", _report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EdgeInsideANamedGap_IsNamedMissing_EvenBelowTheStoredNumber()
    {
        _store.LastNumbers["iolink/iol-1"] = 9;
        Gap("iolink", "iol-1", 3, 4);

        var tally = ConveyorReconciler.CountEdges(Accepted("iol-1", 2, 3, 4, 9), _store, _central, _report);

        Assert.Equal(new Tally(4, 2, 2, 0, 0, 0), tally);
    }

    [Fact]
    public void Verdict_PassesWithNamedMissing_FailsWithAnySilentLoss()
    {
        var named = new Verdict(10, 8, 0, 0, 0, true, NamedMissing: 2);
        var lost = new Verdict(10, 9, 1, 0, 0, true);

        Assert.True(named.Passed);
        Assert.False(lost.Passed);
        Assert.Equal("accepted=10 delivered=8 lost=0 duplicated=0 out_of_order=0 audit_chain=ok named_missing=2", named.ToString());
    }
}
