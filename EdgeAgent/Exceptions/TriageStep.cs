namespace EdgeAgent.Exceptions;

/// <summary>What one floor event does to one exception: raise (or count) it, clear it, or forget it while only watched.</summary>
public sealed record TriageStep(TriageVerb Verb, string Type, string Subject);
