using CloudBridge.Contract.Audit.V1;
using CloudBridge.Contract.V1;
using CloudBridge.Sinks;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;

namespace CloudBridge.Audit;

/// <summary>
/// Checks each gateway's audit chain as its audit lane arrives: every record's hash over the contract's canonical
/// bytes (<see cref="AuditChain"/>, the same the edge's <c>audit verify</c> uses) and its link to the verified head.
/// A break (an edited, deleted, reordered record, or a history rewritten at the edge) raises an alarm naming gateway
/// and sequence (log, metric, <c>CentralAdmin.GetAuditChain</c>), and checking goes on from the record as it arrived.
/// The head is saved by compare-and-set, so replicas checking one gateway neither skip nor double-count; a replica
/// that finds lane events between its head and a new batch reads them back from the sink first.
/// </summary>
public sealed partial class AuditChainChecker(IAuditHeadStore heads, ISink sink, AuditChainMetrics metrics, TimeProvider time, ILogger<AuditChainChecker> logger)
{
    /// <summary>Alarms kept per gateway (the latest); <see cref="AuditChainState.Breaks"/> counts them all.</summary>
    public const int AlarmsKept = 32;

    public async Task<AuditChainState> StateAsync(string gatewayId, CancellationToken ct) => (await heads.LoadAsync(gatewayId, ct)).State;

    /// <summary>Checks newly stored events of a gateway's audit lane (ascending lane sequences).</summary>
    public async Task CheckAsync(string gatewayId, string lane, IReadOnlyList<EventEnvelope> stored, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.Count == 0)
        {
            return;
        }

        while (true)
        {
            var head = await heads.LoadAsync(gatewayId, ct);
            var state = head.State.Clone();
            var events = stored[0].Sequence > state.LaneSequence + 1
                ? await ReadBackAsync(gatewayId, lane, (long)state.LaneSequence, (long)stored[^1].Sequence, ct)
                : stored.Where(e => e.Sequence > state.LaneSequence).ToList();
            if (events.Count == 0)
            {
                return;
            }

            var alarms = new List<AuditChainAlarm>();
            int verified = 0;
            foreach (var e in events)
            {
                if (Apply(gatewayId, state, e) is { } alarm)
                {
                    alarms.Add(alarm);
                }
                else if (e.Schema == AuditChain.Schema)
                {
                    verified++;
                }
            }

            if (!await heads.TrySaveAsync(gatewayId, head with { State = state }, ct))
            {
                continue; // Another replica checked meanwhile: start again from its head.
            }

            metrics.Verified(gatewayId, verified);
            foreach (var alarm in alarms)
            {
                metrics.Break(gatewayId);
                LogBreak(logger, gatewayId, alarm.Seq, (long)alarm.LaneSequence, alarm.Problem);
            }

            return;
        }
    }

    /// <summary>
    /// Checks what is stored of a gateway's audit lane through <paramref name="throughSequence"/> and not yet checked: for
    /// a batch found already stored (a replica that stored it may have died before checking it).
    /// </summary>
    public async Task CatchUpAsync(string gatewayId, string lane, long throughSequence, CancellationToken ct)
    {
        var head = await heads.LoadAsync(gatewayId, ct);
        if ((long)head.State.LaneSequence >= throughSequence)
        {
            return;
        }

        await CheckAsync(gatewayId, lane, await ReadBackAsync(gatewayId, lane, (long)head.State.LaneSequence, throughSequence, ct), ct);
    }

    private AuditChainAlarm? Apply(string gatewayId, AuditChainState state, EventEnvelope e)
    {
        state.LaneSequence = e.Sequence;
        if (e.Schema != AuditChain.Schema)
        {
            return null; // Not a typed audit record (a legacy JSON one): nothing to check it with.
        }

        AuditRecord record;
        try
        {
            record = AuditRecord.Parser.ParseFrom(e.Payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            return Raise(gatewayId, state, e, 0, "the payload is not an audit record: " + ex.Message);
        }

        string? problem;
        if (state.VerifiedSeq == 0 && state.VerifiedHash.Length == 0 && record.Seq != 1)
        {
            // The chain began before central checked it (or was cut by retention): anchor here, check the hash only.
            state.AnchoredAt = record.Seq;
            problem = AuditChain.CheckLink(record, record.Seq - 1, record.PreviousHash);
        }
        else
        {
            problem = AuditChain.CheckLink(record, state.VerifiedSeq, state.VerifiedHash.Length == 0 ? AuditChain.Genesis : state.VerifiedHash);
        }

        state.VerifiedSeq = record.Seq;
        state.VerifiedHash = record.Hash;
        return problem is null ? null : Raise(gatewayId, state, e, record.Seq, problem);
    }

    private AuditChainAlarm Raise(string gatewayId, AuditChainState state, EventEnvelope e, long seq, string problem)
    {
        var alarm = new AuditChainAlarm
        {
            GatewayId = gatewayId,
            Seq = seq,
            LaneSequence = e.Sequence,
            Problem = problem,
            DetectedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
        };
        state.Breaks++;
        state.Alarms.Add(alarm);
        while (state.Alarms.Count > AlarmsKept)
        {
            state.Alarms.RemoveAt(0);
        }

        return alarm;
    }

    private async Task<List<EventEnvelope>> ReadBackAsync(string gatewayId, string lane, long after, long through, CancellationToken ct)
    {
        var events = new List<EventEnvelope>();
        await foreach (var e in sink.ReadAsync(gatewayId, lane, after, ct))
        {
            if ((long)e.Sequence > through)
            {
                break;
            }

            events.Add(e);
        }

        return events;
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Error, Message = "AUDIT CHAIN BROKEN for gateway {Gateway} at audit seq {Seq} (audit lane sequence {LaneSequence}): {Problem}")]
    private static partial void LogBreak(ILogger logger, string gateway, long seq, long laneSequence, string problem);
}
