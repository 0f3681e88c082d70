namespace EdgeAgent.Exceptions;

/// <summary>What happened to an acknowledge or resolve request.</summary>
public enum DeskOutcome
{
    Done,
    NotFound,
    AlreadyResolved,
    AlreadyAcknowledged,
    /// <summary>The case is at the end of its type's escalation chain (or the type has none).</summary>
    NoFurtherEscalation,
}
