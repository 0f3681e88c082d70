using EdgeAgent.Audit;
using EdgeAgent.Bridge;
using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using LiteDB;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Governance;

/// <summary>
/// The decision-rights matrix in force: the one an admin last stored, else the configured one. A change
/// is validated whole, stored, and audited in one write; a malformed matrix changes nothing.
/// </summary>
public sealed class RightsBook(IOptions<GovernanceOptions> options, AuditLog audit, FloorJournal? journal = null)
{
    private readonly RightsMatrix _configured = options.Value.Matrix();
    private volatile Cached? _cached;

    public RightsMatrix Current(LiteDatabase db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stored = new GovernanceCollections(db).Rights.FindById(RightsDocument.SingletonId);
        if (stored is null)
        {
            return _configured;
        }

        // Keyed by the text, not the revision: a rolled-back change may have been cached under the same revision.
        if (_cached is { } cached && string.Equals(cached.Json, stored.Matrix, StringComparison.Ordinal))
        {
            return cached.Matrix;
        }

        var rows = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, DecisionRightOptions?>>(stored.Matrix, GovernanceJson.Options);
        var matrix = RightsMatrix.TryCreate(rows, "stored matrix", out var problems)
            ?? throw new InvalidOperationException("The stored decision-rights matrix no longer validates: " + string.Join("; ", problems));
        _cached = new Cached(stored.Matrix, matrix);
        return matrix;
    }

    /// <summary>Replaces the matrix (rows not named keep their defaults); returns the problems instead when it does not validate.</summary>
    public GovernanceResult Replace(LiteDatabase db, IReadOnlyDictionary<string, DecisionRightOptions?> rows, string actor, string? reason)
    {
        ArgumentNullException.ThrowIfNull(db);
        var matrix = RightsMatrix.TryCreate(rows, "Governance:Rights", out var problems);
        if (matrix is null)
        {
            return GovernanceResult.Invalid(string.Join("; ", problems));
        }

        var json = GovernanceJson.Serialize(matrix.ToOptions());
        var governance = new GovernanceCollections(db);
        var previous = governance.Rights.FindById(RightsDocument.SingletonId);
        var record = audit.Append(db, new AuditEntry
        {
            Kind = AuditKind.ConfigurationChange,
            ActionType = ActionTypes.RightsChange,
            Actor = actor,
            Verdict = "rights-changed",
            Inputs = previous?.Matrix ?? GovernanceJson.Serialize(_configured.ToOptions()),
            Outcome = json,
            Reason = reason,
        });
        governance.Rights.Upsert(new RightsDocument
        {
            Revision = (previous?.Revision ?? 0) + 1,
            Matrix = json,
            ChangedBy = actor,
            ChangedAt = record.At,
            AuditSeq = record.Seq,
        });
        (journal ?? FloorJournal.Standalone).Record(db, GovernanceEvents.RightsChanged(record, actor));
        return GovernanceResult.Ok(new { auditSeq = record.Seq, rights = matrix.ToOptions() });
    }

    private sealed record Cached(string Json, RightsMatrix Matrix);
}
