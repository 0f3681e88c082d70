using System.Text.Json;
using LiteDB;

namespace EdgeAgent.Governance;

/// <summary>
/// Applies one action type's outcome for the part that owns it (registered in DI with
/// <see cref="GovernanceServiceCollectionExtensions.AddGovernedAction{T}"/>). Both methods run inside a
/// store write and must be pure database work.
/// </summary>
public interface IGovernedAction
{
    string ActionType { get; }

    /// <summary>Null when <paramref name="outcome"/> is well-formed and can be applied to the floor as it is now; else why not.</summary>
    string? Check(LiteDatabase db, JsonElement outcome);

    /// <summary>Applies a checked outcome; returns what was done, in words, for the audit record.</summary>
    string Apply(LiteDatabase db, GovernedExecution execution);
}
