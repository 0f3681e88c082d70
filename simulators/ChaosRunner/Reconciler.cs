using CloudBridge.Contract.Floor.V1;
using CloudBridge.Contract.V1;
using System.Buffers.Binary;
using LiteDB;

namespace ChaosRunner;

/// <summary>The run's one line: what devices and peers were told was accepted, counted against independent records.</summary>
/// <remarks>
/// <c>named_missing</c>, at the end, counts messages of devices that cannot read an answer (scanners, IO-Link
/// masters) that never reached the store and that the agent named as missing, as its contract with them says;
/// accepted = delivered + named_missing + damage_named + lost. It does not fail the run; a silent loss does.
/// <c>damage_named</c> (printed only when not 0) counts acknowledged picks a damaged store lost that the agent named at
/// its open (<see cref="NamedLoss"/>): detected and said, not silent, so it does not fail the run either.
/// </remarks>
/// <c>reanswered</c> (printed only when not 0) counts ERP commands answered twice because a damaged store lost their
/// application and the agent named that (its downlink cursor's mark): central's log sent them again and they were
/// applied and answered again. They are delivered, and not duplicates: the second answer follows a loss that was said.
/// <c>audit_breaks_named</c> (printed only when not 0) counts central's audit-chain alarms raised exactly where a damaged
/// store lost audit records the agent named (the first audit record after the lane's named loss): the recovered chain
/// continues from the last record the store kept, which central, holding the lost ones, rightly flags. They leave
/// <c>audit_chain=ok</c>; any other break makes it <c>broken</c>.
internal sealed record Verdict(int Accepted, int Delivered, int Lost, int Duplicated, int OutOfOrder, bool AuditChainOk, int NamedMissing = 0, int DamageNamed = 0, int Reanswered = 0, int AuditBreaksNamed = 0)
{
    public bool Passed => Lost == 0 && Duplicated == 0 && OutOfOrder == 0 && AuditChainOk && Accepted > 0;

    public override string ToString() =>
        $"accepted={Accepted} delivered={Delivered} lost={Lost} duplicated={Duplicated} out_of_order={OutOfOrder} audit_chain={(AuditChainOk ? "ok" : "broken")} named_missing={NamedMissing}"
        + (DamageNamed > 0 ? $" damage_named={DamageNamed}" : "")
        + (Reanswered > 0 ? $" reanswered={Reanswered}" : "")
        + (AuditBreaksNamed > 0 ? $" audit_breaks_named={AuditBreaksNamed}" : "");
}

/// <summary>
/// Counts from three records that do not share code paths: the simulators' own logs of what they were told OK
/// (picker bots: each answered confirm or short pick; the ERP: each answered append), the agent's store file
/// (read with LiteDB after the agent is dead), and central's sink files (read record by record, deduplicated by
/// event id).
/// </summary>
internal static class Reconciler
{
    public static Verdict Count(ChaosResult result, string agentData, string centralData, TextWriter report)
    {
        var store = AgentStore.Read(agentData);
        var central = CentralRecord.Read(Path.Combine(centralData, "events", ChaosRun.Gateway));
        var picks = PickReconciler.Count(result.Picks, store.PickEvents, central.Picks, result.NamedLosses, report);
        int accepted = 0, delivered = 0, lost = 0, duplicated = 0, reanswered = 0;

        // ERP commands: a task release is a task in the store; an order release or priority change is answered
        // at central by the event naming its command id (applied, or refused with a reason: either is an answer).
        foreach (var (id, kind) in result.Commands)
        {
            accepted++;
            bool found = kind == CommandKind.TaskRelease
                ? store.TaskIds.Contains(id)
                : central.CommandAnswers.GetValueOrDefault(id) > 0;
            if (found)
            {
                delivered++;
            }
            else
            {
                lost++;
                report.WriteLine($"LOST command {kind} {id}");
            }

            if (kind != CommandKind.TaskRelease && central.CommandAnswers.GetValueOrDefault(id) > 1)
            {
                if (AppliedAgainAfterNamedLoss(result, id))
                {
                    // The damaged store lost this command's application and the agent said so (its downlink cursor's
                    // mark): central's log sent it again, and it was applied and answered again. Said, not silent.
                    reanswered++;
                    report.WriteLine($"answered again after the agent named its application lost: command {kind} {id} (cursor {result.CommandCursors[id]}), {central.CommandAnswers[id]} answers at central");
                }
                else
                {
                    duplicated++;
                    report.WriteLine($"DUPLICATE command {kind} {id}: {central.CommandAnswers[id]} answers at central");
                }
            }
        }

        var commands = new Tally(accepted, delivered, 0, lost, duplicated, 0);
        var reads = ConveyorReconciler.CountReads(result.Reads, store.Conveyor, central.Conveyor, report);
        var edges = ConveyorReconciler.CountEdges(result.Edges, store.Conveyor, central.Conveyor, report);
        report.WriteLine($"handheld picks: {picks}");
        report.WriteLine($"ERP commands: {commands}" + (reanswered > 0 ? $" reanswered={reanswered}" : ""));
        report.WriteLine($"carton reads: {reads}");
        report.WriteLine($"sensor edges: {edges}");
        report.WriteLine($"photo-eye carton.detected (telemetry, derived from edge pairs): store {store.Conveyor.Detected.Values.Sum()}, central {central.Conveyor.Detected.Values.Sum()}");
        report.WriteLine($"labels and printers (store): {string.Join(' ', store.Conveyor.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))}; the emulated printers printed {result.LabelsPrinted}");
        report.WriteLine($"central's lane files: {central.DuplicateIds} event ids stored twice, {central.SequenceFaults} lane sequences not increasing");
        var all = picks + commands + reads + edges;

        // The two chains: central's running check and the edge's own walk of its store.
        var audit = result.CentralAudit;
        int breaksNamed = audit is null ? 0 : BreaksAtNamedAuditLoss(audit, result.NamedLosses);
        bool centralChainOk = audit is not null && (long)audit.Breaks == breaksNamed && audit.VerifiedSeq > 0;
        report.WriteLine($"central audit chain: {(audit is null ? "unreadable" : $"verified through seq {audit.VerifiedSeq}, {audit.Breaks} breaks ({breaksNamed} where the agent named audit records lost with a damaged store)")}; edge audit verify: {(result.EdgeAuditOk ? "ok" : "FAILED")}");
        foreach (var alarm in audit?.Alarms ?? [])
        {
            report.WriteLine($"central audit alarm at audit seq {alarm.Seq} (audit lane sequence {alarm.LaneSequence}): {alarm.Problem}");
        }

        report.WriteLine($"store: {store.PickEvents.Count} picked/short tasks, {store.TaskIds.Count} tasks; central: {central.Events} events in {central.Lanes} lanes, {central.Picks.Count} picked/short tasks");
        if (!result.Drained)
        {
            report.WriteLine("the agent's outbox did not drain before the end: what is still in it counts as lost");
        }

        return new Verdict(
            all.Accepted,
            all.Delivered,
            all.Lost,
            all.Duplicated + central.DuplicateIds,
            all.OutOfOrder + central.SequenceFaults,
            centralChainOk && result.EdgeAuditOk,
            all.NamedMissing,
            all.DamageNamed,
            reanswered,
            breaksNamed);
    }

    /// <summary>True when the agent named the command's cursor among the applications a damaged store lost.</summary>
    internal static bool AppliedAgainAfterNamedLoss(ChaosResult result, string commandId) =>
        result.CommandCursors.TryGetValue(commandId, out var cursor)
        && result.NamedLosses.Any(l => l.Covers(DownlinkDevice, DownlinkLane, cursor));

    /// <summary>
    /// Central's alarms at the first audit-lane event after a loss of the audit lane the agent named (the outbox's mark:
    /// the recovered lane continues right above the named range).
    /// </summary>
    internal static int BreaksAtNamedAuditLoss(AuditChainState audit, IReadOnlyList<NamedLoss> named) =>
        audit.Alarms.Count(a => named.Any(l => l.Device == OutboxDevice && l.Lane == "audit" && (long)a.LaneSequence == l.Acknowledged + 1));

    /// <summary>The agent's name for its outbox's numbers in a damaged store's findings (<c>EdgeAgent.Bridge.OutboxNumbering</c>).</summary>
    internal const string OutboxDevice = "outbox";

    /// <summary>The agent's name for its downlink cursor in a damaged store's findings (<c>EdgeAgent.Bridge.OutboxStore</c>).</summary>
    internal const string DownlinkDevice = "downlink";

    /// <inheritdoc cref="DownlinkDevice"/>
    internal const string DownlinkLane = "commands";

    private sealed record AgentStore(Dictionary<string, int> PickEvents, HashSet<string> TaskIds, ConveyorRecord Conveyor)
    {
        public static AgentStore Read(string directory)
        {
            using var db = new LiteDatabase($"Filename={Path.Combine(directory, "edgeagent.db")};Connection=direct;ReadOnly=true");
            var picks = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var doc in db.GetCollection("floor_history").Find(Query.Or(Query.EQ("Type", "task.picked"), Query.EQ("Type", "task.short"))))
            {
                var task = doc["TaskId"].AsString;
                picks[task] = picks.GetValueOrDefault(task) + 1;
            }

            var tasks = db.GetCollection("tasks").FindAll().Select(d => d["_id"].AsString).ToHashSet(StringComparer.Ordinal);
            return new AgentStore(picks, tasks, ConveyorRecord.FromStore(db));
        }
    }

    private sealed record CentralRecord(
        Dictionary<string, List<(long LaneSeq, string Device)>> Picks,
        Dictionary<string, int> CommandAnswers,
        int DuplicateIds,
        int SequenceFaults,
        int Events,
        int Lanes,
        ConveyorRecord Conveyor)
    {
        public static CentralRecord Read(string gatewayDirectory)
        {
            var picks = new Dictionary<string, List<(long, string)>>(StringComparer.Ordinal);
            var answers = new Dictionary<string, int>(StringComparer.Ordinal);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var conveyor = new ConveyorRecord();
            int duplicateIds = 0, sequenceFaults = 0, events = 0, lanes = 0;
            if (!Directory.Exists(gatewayDirectory))
            {
                return new CentralRecord(picks, answers, 0, 0, 0, 0, conveyor);
            }

            foreach (var path in Directory.EnumerateFiles(gatewayDirectory, "*.log"))
            {
                lanes++;
                long previous = 0;
                // Every record as written, torn tail excluded; order and gaps are checked here, not trusted.
                foreach (var envelope in ReadRecords(path))
                {
                    events++;
                    long seq = (long)envelope.Sequence;
                    if (seq <= previous)
                    {
                        sequenceFaults++;
                    }

                    previous = seq;
                    if (!ids.Add(envelope.EventId))
                    {
                        duplicateIds++;
                        continue;
                    }

                    if (envelope.Schema != FloorEvent.Descriptor.FullName)
                    {
                        continue;
                    }

                    var floor = FloorEvent.Parser.ParseFrom(envelope.Payload);
                    conveyor.Add(floor, seq);
                    switch (floor.BodyCase)
                    {
                        case FloorEvent.BodyOneofCase.TaskPicked:
                            Add(picks, floor.TaskPicked.TaskId, (seq, floor.DeviceId));
                            break;
                        case FloorEvent.BodyOneofCase.TaskShortPicked:
                            Add(picks, floor.TaskShortPicked.TaskId, (seq, floor.DeviceId));
                            break;
                        case FloorEvent.BodyOneofCase.OrderReleaseNoted:
                            answers[floor.OrderReleaseNoted.CommandId] = answers.GetValueOrDefault(floor.OrderReleaseNoted.CommandId) + 1;
                            break;
                        case FloorEvent.BodyOneofCase.OrderPriorityChanged:
                            answers[floor.OrderPriorityChanged.CommandId] = answers.GetValueOrDefault(floor.OrderPriorityChanged.CommandId) + 1;
                            break;
                        case FloorEvent.BodyOneofCase.CommandRejected:
                            answers[floor.CommandRejected.CommandId] = answers.GetValueOrDefault(floor.CommandRejected.CommandId) + 1;
                            break;
                        case FloorEvent.BodyOneofCase.CommandNotApplied:
                            answers[floor.CommandNotApplied.CommandId] = answers.GetValueOrDefault(floor.CommandNotApplied.CommandId) + 1;
                            break;
                    }
                }
            }

            return new CentralRecord(picks, answers, duplicateIds, sequenceFaults, events, lanes, conveyor);
        }

        /// <summary>
        /// Central's lane file as written: 4-byte little-endian length, then one EventEnvelope; read here
        /// independently of the sink's own reader. A torn tail (a kill mid-write, never acknowledged) ends it.
        /// </summary>
        private static IEnumerable<EventEnvelope> ReadRecords(string path)
        {
            var bytes = File.ReadAllBytes(path);
            int at = 0;
            while (at + 4 <= bytes.Length)
            {
                int length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at, 4));
                if (length <= 0 || at + 4 + length > bytes.Length)
                {
                    yield break;
                }

                EventEnvelope envelope;
                try
                {
                    envelope = EventEnvelope.Parser.ParseFrom(bytes, at + 4, length);
                }
                catch (Google.Protobuf.InvalidProtocolBufferException)
                {
                    yield break;
                }

                at += 4 + length;
                yield return envelope;
            }
        }

        private static void Add(Dictionary<string, List<(long, string)>> picks, string task, (long, string) at)
        {
            if (!picks.TryGetValue(task, out var list))
            {
                picks[task] = list = [];
            }

            list.Add(at);
        }
    }
}
