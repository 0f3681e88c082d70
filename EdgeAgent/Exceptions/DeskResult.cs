namespace EdgeAgent.Exceptions;

/// <summary>The outcome of a person's action on a case, with the case as it now stands (null when not found).</summary>
public sealed record DeskResult(DeskOutcome Outcome, ExceptionCase? Case);
