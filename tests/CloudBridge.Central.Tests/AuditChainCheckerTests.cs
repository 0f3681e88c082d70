using System.Diagnostics.Metrics;
using CloudBridge.Audit;
using CloudBridge.Central.Tests.Infrastructure;
using CloudBridge.Contract.Audit.V1;
using CloudBridge.Contract.V1;
using CloudBridge.Sinks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudBridge.Central.Tests;

/// <summary>Central's check of a gateway's audit chain as its audit lane arrives (file heads, file sink).</summary>
public sealed class AuditChainCheckerTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FileSink _sink;
    private readonly AuditChainChecker _checker;

    public AuditChainCheckerTests()
    {
        _sink = new FileSink(_dir.Path, NullLogger<FileSink>.Instance);
        _checker = New(new FileAuditHeads(_dir.Path));
    }

    [Fact]
    public async Task IntactChain_IsVerifiedThroughItsHead()
    {
        var chain = AuditRecords.Chain(10);
        await ArriveAsync(chain.Take(4), 1);
        await ArriveAsync(chain.Skip(4), 5);

        var state = await _checker.StateAsync("dc-1", CancellationToken.None);
        Assert.Equal(10, state.VerifiedSeq);
        Assert.Equal(chain[^1].Hash, state.VerifiedHash);
        Assert.Equal(0UL, state.Breaks);
    }

    [Fact]
    public async Task EditedRecord_RaisesOneAlarm_NamingGatewayAndSeq_AndCountsIt()
    {
        long counted = 0;
        using var listener = BreakListener(v => Interlocked.Add(ref counted, v));
        var chain = AuditRecords.Chain(8);
        chain[4].Outcome = "{\"moved\":0}"; // Edited after it was hashed.

        await ArriveAsync(chain, 1);

        var state = await _checker.StateAsync("dc-1", CancellationToken.None);
        var alarm = Assert.Single(state.Alarms);
        Assert.Equal(("dc-1", 5L), (alarm.GatewayId, alarm.Seq));
        Assert.StartsWith("hash mismatch", alarm.Problem, StringComparison.Ordinal);
        Assert.Equal(8, state.VerifiedSeq);
        Assert.Equal(1, Interlocked.Read(ref counted));
    }

    [Fact]
    public async Task RewrittenHistory_IsFlagged_WhereTheNewChainMeetsTheVerifiedHead()
    {
        var chain = AuditRecords.Chain(5);
        await ArriveAsync(chain, 1);
        // At the edge, record 3 was altered and 3..5 re-hashed; records appended since link to the rewritten head.
        var rewritten = AuditRecords.Chain(4, firstSeq: 3, previousHash: chain[1].Hash, reason: "covered up");
        await ArriveAsync(rewritten.Skip(3), 6);

        var alarm = Assert.Single((await _checker.StateAsync("dc-1", CancellationToken.None)).Alarms);
        Assert.Equal(6, alarm.Seq);
        Assert.StartsWith("previous-hash mismatch", alarm.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARecordDeletedBeforeShipping_IsASequenceGap()
    {
        var chain = AuditRecords.Chain(6);
        chain.RemoveAt(2);
        await ArriveAsync(chain, 1);

        var alarm = Assert.Single((await _checker.StateAsync("dc-1", CancellationToken.None)).Alarms);
        Assert.Equal(4, alarm.Seq);
        Assert.StartsWith("sequence gap", alarm.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReplicaBehindTheLane_ReadsTheMissingRecordsBack_BeforeCheckingANewBatch()
    {
        var chain = AuditRecords.Chain(9);
        var envelopes = chain.Select((r, i) => AuditRecords.Envelope(r, i + 1)).ToList();
        // Records 1..6 were stored but their check never ran (the replica died between store and check).
        await _sink.WriteAsync("dc-1", "audit", envelopes.Take(6).ToList(), CancellationToken.None);
        await ArriveAsync(chain.Skip(6), 7);

        var state = await _checker.StateAsync("dc-1", CancellationToken.None);
        Assert.Equal((9L, 0UL, 9UL), (state.VerifiedSeq, state.Breaks, state.LaneSequence));
    }

    [Fact]
    public async Task TwoCheckersOnOneGateway_ShareTheHead_AndRaiseABreakOnce()
    {
        var heads = new FileAuditHeads(_dir.Path);
        var a = New(heads);
        var b = New(heads);
        var chain = AuditRecords.Chain(20);
        chain[10].Actor = "mallory";
        var envelopes = chain.Select((r, i) => AuditRecords.Envelope(r, i + 1)).ToList();
        await _sink.WriteAsync("dc-1", "audit", envelopes, CancellationToken.None);

        await Task.WhenAll(a.CheckAsync("dc-1", "audit", envelopes, CancellationToken.None), b.CheckAsync("dc-1", "audit", envelopes[10..], CancellationToken.None));

        var state = await a.StateAsync("dc-1", CancellationToken.None);
        Assert.Equal((20L, 1UL), (state.VerifiedSeq, state.Breaks));
    }

    public void Dispose()
    {
        _sink.Dispose();
        _services.Dispose();
        _dir.Dispose();
    }

    private AuditChainChecker New(IAuditHeadStore heads) =>
        new(heads, _sink, new AuditChainMetrics(_services.GetRequiredService<IMeterFactory>()), TimeProvider.System, NullLogger<AuditChainChecker>.Instance);

    private async Task ArriveAsync(IEnumerable<AuditRecord> records, long firstLaneSequence)
    {
        var envelopes = records.Select((r, i) => AuditRecords.Envelope(r, firstLaneSequence + i)).ToList();
        await _sink.WriteAsync("dc-1", "audit", envelopes, CancellationToken.None);
        await _checker.CheckAsync("dc-1", "audit", envelopes, CancellationToken.None);
    }

    private MeterListener BreakListener(Action<long> onBreak)
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "cloudbridge.audit.chain_breaks" && instrument.Meter.Scope == factory)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => onBreak(value));
        listener.Start();
        return listener;
    }
}
