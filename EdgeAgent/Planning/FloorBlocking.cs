using System.Globalization;
using EdgeAgent.Audit;
using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using EdgeAgent.Governance;
using LiteDB;

namespace EdgeAgent.Planning;

/// <summary>
/// A supervisor closes or reopens an aisle or a zone (a spill, a blocked rack). Each runs inside one store
/// write, audited with the operator as actor; the floor event that follows makes the planner replan.
/// </summary>
public sealed class FloorBlocking(AuditLog audit, TimeProvider time, FloorJournal? journal = null)
{
    public const string ActionType = "floor.block";

    public GovernanceResult Block(LiteDatabase db, bool aisle, string name, string actor, string? reason)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (Invalid(aisle, name) is { } problem)
        {
            return GovernanceResult.Invalid(problem);
        }

        var floor = new FloorCollections(db, journal);
        var key = FloorBlock.Key(aisle, name);
        if (floor.Blocks.FindById(key) is { } existing)
        {
            return GovernanceResult.Conflict(string.Create(CultureInfo.InvariantCulture, $"{key} is already blocked by {existing.BlockedBy} at {existing.BlockedAt.ToUniversalTime():O}"));
        }

        var record = audit.Append(db, Entry(key, actor, "blocked", reason));
        var block = new FloorBlock { Id = key, Aisle = aisle, Name = name.Trim().ToUpperInvariant(), BlockedBy = actor, BlockedAt = time.GetUtcNow().UtcDateTime, Reason = reason };
        floor.Blocks.Insert(block);
        floor.Record(new FloorBlocked { At = block.BlockedAt, DeviceId = GovernanceEvents.DeviceId, Seq = record.Seq, Area = aisle ? BlockedArea.Aisle : BlockedArea.Zone, Name = block.Name, Actor = actor, Reason = reason, AuditSeq = record.Seq });
        return GovernanceResult.Ok(block);
    }

    public GovernanceResult Unblock(LiteDatabase db, bool aisle, string name, string actor, string? reason)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (Invalid(aisle, name) is { } problem)
        {
            return GovernanceResult.Invalid(problem);
        }

        var floor = new FloorCollections(db, journal);
        var key = FloorBlock.Key(aisle, name);
        if (floor.Blocks.FindById(key) is null)
        {
            return GovernanceResult.NotFound($"{key} is not blocked");
        }

        var record = audit.Append(db, Entry(key, actor, "unblocked", reason));
        floor.Blocks.Delete(key);
        floor.Record(new FloorUnblocked { At = time.GetUtcNow().UtcDateTime, DeviceId = GovernanceEvents.DeviceId, Seq = record.Seq, Area = aisle ? BlockedArea.Aisle : BlockedArea.Zone, Name = name.Trim().ToUpperInvariant(), Actor = actor, Reason = reason, AuditSeq = record.Seq });
        return GovernanceResult.Ok(new { unblocked = key, auditSeq = record.Seq });
    }

    private static string? Invalid(bool aisle, string name) =>
        aisle
            ? name.Trim() is [var letter] && char.IsAsciiLetter(letter) ? null : $"An aisle is one letter, A to Z; got '{name}'"
            : string.IsNullOrWhiteSpace(name) || name.Trim().Length > 64 ? "A zone name is 1-64 characters" : null;

    private static AuditEntry Entry(string key, string actor, string verdict, string? reason) => new()
    {
        Kind = AuditKind.HumanAction,
        ActionType = ActionType,
        Trigger = key,
        Actor = actor,
        Verdict = verdict,
        Reason = reason,
    };
}
