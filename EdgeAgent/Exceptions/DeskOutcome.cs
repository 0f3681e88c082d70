namespace EdgeAgent.Exceptions;

/// <summary>What happened to an acknowledge or resolve request.</summary>
public enum DeskOutcome
{
    Done,
    NotFound,
    AlreadyResolved,
    AlreadyAcknowledged,
}
