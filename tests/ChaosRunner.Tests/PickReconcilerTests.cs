using ChaosRunner;
using EdgeAgent.Simulators.Floor;

namespace ChaosRunner.Tests;

public sealed class PickReconcilerTests
{
    private readonly Dictionary<string, int> _store = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(long LaneSeq, string Device)>> _central = new(StringComparer.Ordinal);
    private readonly StringWriter _report = new();

    private static List<(string Device, IReadOnlyList<AnsweredPick> Picks)> Answered(string device, params (string Task, long Seq)[] picks) =>
        [(device, [.. picks.Select(p => new AnsweredPick(p.Task, p.Seq))])];

    private void Held(string task, int inStore, params long[] centralLaneSeqs)
    {
        _store[task] = inStore;
        _central[task] = [.. centralLaneSeqs.Select(s => (s, "hh-1"))];
    }

    [Fact]
    public void PickInStoreAndAtCentral_IsDelivered()
    {
        Held("T-1", 1, 10);

        var tally = PickReconciler.Count(Answered("hh-1", ("T-1", 5)), _store, _central, [], _report);

        Assert.Equal(new Tally(1, 1, 0, 0, 0, 0), tally);
    }

    [Fact]
    public void PickMissingFromTheStore_WithoutANamedLoss_IsLost_AndSaidSo()
    {
        Held("T-1", 0, 10);

        var tally = PickReconciler.Count(Answered("hh-1", ("T-1", 5)), _store, _central, [], _report);

        Assert.Equal(new Tally(1, 0, 0, 1, 0, 0), tally);
        Assert.Contains("LOST pick hh-1 T-1 (seq 5)", _report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void PickTheAgentNamedLost_AtADamagedOpen_IsDamageNamed_NotLost()
    {
        Held("T-1", 1, 10);
        Held("T-2", 0, 11);
        NamedLoss[] named = [new("hh-1", "picks", 5, 9)];

        var tally = PickReconciler.Count(Answered("hh-1", ("T-1", 5), ("T-2", 8)), _store, _central, named, _report);

        Assert.Equal(new Tally(2, 1, 0, 0, 0, 0, DamageNamed: 1), tally);
        Assert.Contains("NAMED LOST pick hh-1 T-2 (seq 8", _report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void NamedLoss_OfAnotherDeviceOrBeyondTheAcknowledgedSeq_DoesNotExcuseALoss()
    {
        Held("T-1", 0, 10);
        Held("T-2", 0, 11);
        NamedLoss[] named = [new("hh-2", "picks", 0, 9), new("hh-1", "picks", 0, 6)];

        var tally = PickReconciler.Count(Answered("hh-1", ("T-1", 5), ("T-2", 8)), _store, _central, named, _report);

        Assert.Equal(new Tally(2, 0, 0, 1, 0, 0, DamageNamed: 1), tally);
    }

    [Fact]
    public void TaskPickedAgainAfterANamedLoss_IsNotADuplicate_ButAThirdRecordIs()
    {
        // Answered at seq 8 (lost with the store's cut, named), prompted again and answered at seq 12: central holds both.
        Held("T-1", 1, 10, 20);
        NamedLoss[] named = [new("hh-1", "picks", 5, 9)];

        var twice = PickReconciler.Count(Answered("hh-1", ("T-1", 8), ("T-1", 12)), _store, _central, named, _report);
        Held("T-1", 1, 10, 20, 21);
        var thrice = PickReconciler.Count(Answered("hh-1", ("T-1", 8), ("T-1", 12)), _store, _central, named, _report);

        Assert.Equal(new Tally(2, 1, 0, 0, 0, 0, DamageNamed: 1), twice);
        Assert.Equal(1, thrice.Duplicated);
    }

    [Fact]
    public void TaskPickedAgainAfterANamedLoss_IsInOrder_WhenEachAnswerHasItsOwnRecordInOrder()
    {
        // hh-1 answered T-1 (seq 8, lost with the cut, held at central as lane seq 10), then T-2 (lane seq 15), then T-1
        // again (lane seq 20): each answer against its own record, nothing is out of order.
        Held("T-1", 1, 10, 20);
        Held("T-2", 1, 15);
        NamedLoss[] named = [new("hh-1", "picks", 5, 9)];

        var tally = PickReconciler.Count(Answered("hh-1", ("T-1", 8), ("T-2", 11), ("T-1", 12)), _store, _central, named, _report);

        Assert.Equal(new Tally(3, 2, 0, 0, 0, 0, DamageNamed: 1), tally);
    }

    [Fact]
    public void APickHeldTwice_AnsweredOnce_IsADuplicate()
    {
        Held("T-1", 2, 10);

        var tally = PickReconciler.Count(Answered("hh-1", ("T-1", 5)), _store, _central, [], _report);

        Assert.Equal(1, tally.Duplicated);
    }

    [Fact]
    public void NamedLosses_AreReadFromTheAgentsWords_InARefusalOrAReport()
    {
        const string refusal = "EdgeAgent cannot start: the store is damaged: device hh-3 lane picks: acknowledged up to seq 41, store holds up to 37; "
            + "device hh-4 lane picks: acknowledged up to seq 9, store holds none. Start with Store:OnDamage=Recover …";
        const string report = "lost acknowledged work:\ndevice hh-3 lane picks: acknowledged up to seq 41, store holds up to 37\n";

        var named = NamedLoss.Parse(refusal + "\n" + report);

        Assert.Equal([new NamedLoss("hh-3", "picks", 37, 41), new NamedLoss("hh-4", "picks", 0, 9)], named);
        Assert.True(named[0].Covers("hh-3", "picks", 38));
        Assert.False(named[0].Covers("hh-3", "picks", 37));
        Assert.False(named[0].Covers("hh-3", "picks", 42));
    }
}
