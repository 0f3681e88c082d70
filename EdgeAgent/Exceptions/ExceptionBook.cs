using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using EdgeAgent.Storage;
using LiteDB;

namespace EdgeAgent.Exceptions;

/// <summary>The exceptions collection and every change to a case; each runs inside the caller's store write.</summary>
internal static class ExceptionBook
{
    public const string Collection = "exceptions";

    public static ILiteCollection<ExceptionCase> Cases(LiteDatabase db) => db.GetCollection<ExceptionCase>(Collection);

    public static void EnsureIndexes(LiteDatabase db)
    {
        var cases = Cases(db);
        cases.EnsureIndex(c => c.OpenKey);
        cases.EnsureIndex(c => c.Status);
        cases.EnsureIndex(c => c.DueAt);
        cases.EnsureIndex(c => c.ResolvedAt);
    }

    /// <summary>Opens the key's case or counts one more occurrence; routes it once it reaches its threshold.</summary>
    public static void Raise(FloorCollections floor, ExceptionTypeOptions row, TriageStep step, FloorEvent source)
    {
        var cases = Cases(floor.Database);
        var key = $"{step.Type}|{step.Subject}";
        var c = cases.FindOne(x => x.OpenKey == key);
        if (c is null)
        {
            c = new ExceptionCase
            {
                Type = step.Type,
                Subject = step.Subject,
                DedupKey = key,
                OpenKey = key,
                Severity = row.Severity,
                Team = row.Team,
                Queue = row.Team,
                Status = ExceptionStatus.Watching,
                FirstSeen = source.At,
                DeviceId = source.DeviceId,
                PickerId = step.PickerId,
                TaskId = step.TaskId,
            };
            cases.Insert(c);
        }

        c.Occurrences++;
        c.LastSeen = source.At;
        var detail = source.Describe();
        c.LastDetail = detail.Length > 256 ? detail[..256] : detail;
        if (c.Status == ExceptionStatus.Watching && c.Occurrences >= row.Threshold)
        {
            c.Status = ExceptionStatus.Open;
            c.OpenedAt = source.At;
            c.DueAt = source.At + row.Sla;
            c.ResolveBy = row.ResolveSla is { } resolveSla ? source.At + resolveSla : null;
            floor.Record(ExceptionEvents.Opened(c, source.At));
        }

        cases.Update(c);
    }

    /// <summary>A clearing event: resolves the key's case as <c>auto-cleared</c>, or drops it if it was only watched.</summary>
    public static void Clear(FloorCollections floor, TriageStep step, DateTime at)
    {
        var cases = Cases(floor.Database);
        var key = $"{step.Type}|{step.Subject}";
        if (cases.FindOne(x => x.OpenKey == key) is not { } c)
        {
            return;
        }

        if (c.Status == ExceptionStatus.Watching)
        {
            cases.Delete(c.Id);
        }
        else if (step.Verb == TriageVerb.Clear)
        {
            Resolve(floor, c, ExceptionOptions.AutoCleared, note: null, actor: null, at);
        }
    }

    public static void Acknowledge(FloorCollections floor, ExceptionCase c, string actor, DateTime at)
    {
        c.Status = ExceptionStatus.Acknowledged;
        c.AcknowledgedBy = actor;
        c.AcknowledgedAt = at;
        // Acknowledged, the acknowledge clock stops; the resolve-by clock, where the type has one, keeps running.
        c.DueAt = c.ResolveBy is { } by ? (by > at ? by : at) : null;
        Cases(floor.Database).Update(c);
        floor.Record(ExceptionEvents.Acknowledged(c, actor, at));
    }

    /// <summary>Closes the case; the event carries the time from routing to resolution (zero if never routed).</summary>
    public static void Resolve(FloorCollections floor, ExceptionCase c, string code, string? note, string? actor, DateTime at)
    {
        c.Status = ExceptionStatus.Resolved;
        c.OpenKey = null;
        c.DueAt = null;
        c.ResolvedAt = at;
        c.ResolvedBy = actor;
        c.ResolutionCode = code;
        c.ResolutionNote = note;
        Cases(floor.Database).Update(c);
        floor.Record(ExceptionEvents.Resolved(c, code, actor, at));
    }

    /// <summary>
    /// Escalates every case whose SLA ran out by <paramref name="now"/>; returns how many were due. With a
    /// <paramref name="gate"/>, each escalation is an <c>exception.escalate</c> decision: one that needs a
    /// person stops the case's timer and waits for the approval (or for the supervisor to carry it out).
    /// </summary>
    /// <summary>
    /// A supervisor rejected (or let time out) the escalation a case waits on: the case gets its timer back, so it
    /// escalates again after another SLA if still nobody acts. Returns false when no case waits on that decision.
    /// </summary>
    public static bool Rearm(FloorCollections floor, long decisionSeq, IReadOnlyDictionary<string, ExceptionTypeOptions> types, DateTime at)
    {
        var cases = Cases(floor.Database);
        if (cases.FindOne(c => c.PendingEscalation == decisionSeq) is not { } waiting || waiting.Status is ExceptionStatus.Resolved)
        {
            return false;
        }

        waiting.PendingEscalation = null;
        waiting.DueAt = types.TryGetValue(waiting.Type, out var row)
            ? waiting.Status == ExceptionStatus.Acknowledged && waiting.ResolveBy is { } by ? (by > at ? by : at + row.Sla) : at + row.Sla
            : null;
        cases.Update(waiting);
        return true;
    }

    /// <summary>True when some case's deadline is at or before <paramref name="now"/> (a read: the sweeper writes only then).</summary>
    public static bool AnyDue(LiteDatabase db, DateTime now) =>
        Cases(db).Exists(StoreQuery.Between(nameof(ExceptionCase.DueAt), new BsonValue(DateTime.MinValue), new BsonValue(now)));

    public static int EscalateDue(FloorCollections floor, IReadOnlyDictionary<string, ExceptionTypeOptions> types, DateTime now, Governance.GovernanceGate? gate = null)
    {
        var cases = Cases(floor.Database);

        // A DateTime range skips the nulls (resolved and acknowledged cases) in the index.
        var due = cases.Find(StoreQuery.Between(nameof(ExceptionCase.DueAt), new BsonValue(DateTime.MinValue), new BsonValue(now))).ToList();
        foreach (var c in due)
        {
            var chain = types.TryGetValue(c.Type, out var row) ? row.EscalationChain : [];
            if (c.Level >= chain.Length)
            {
                c.DueAt = null;
                cases.Update(c);
                continue;
            }

            var level = c.Level + 1;
            var to = chain[level - 1];
            var sla = level < chain.Length ? row!.Sla : (TimeSpan?)null;
            if (gate is null)
            {
                ExceptionEscalation.Apply(floor, c, level, to, sla, now, 0);
                continue;
            }

            var verdict = gate.Decide(floor.Database, ExceptionEscalation.Propose(c, to, level));
            if (verdict.Kind == Governance.VerdictKind.Execute)
            {
                ExceptionEscalation.Apply(floor, c, level, to, sla, now, verdict.DecisionSeq);
                continue;
            }

            c.DueAt = null;
            c.PendingEscalation = verdict.DecisionSeq;
            cases.Update(c);
        }

        return due.Count;
    }
}
