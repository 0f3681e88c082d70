namespace EdgeAgent.Exceptions;

/// <summary>What one floor event does to one exception: raise (or count) it, clear it, or forget it while only watched.</summary>
/// <remarks>A raise names the picker and task the case is about, when the event has them.</remarks>
public sealed record TriageStep(TriageVerb Verb, string Type, string Subject, string? PickerId = null, string? TaskId = null);
