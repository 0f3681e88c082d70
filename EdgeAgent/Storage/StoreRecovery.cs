namespace EdgeAgent.Storage;

/// <summary>What an open under <see cref="StoreDamagePolicy.Recover"/> found, kept and lost.</summary>
/// <param name="KeptIn">The folder holding the damaged files as they were, and <c>REPORT.txt</c>.</param>
/// <param name="Findings">What was wrong, one finding a line.</param>
/// <param name="Lost">Acknowledged work the recovered store does not hold.</param>
/// <param name="DocumentsRecovered">Documents carried into the recovered store, per collection.</param>
/// <param name="At">When the open recovered.</param>
public sealed record StoreRecovery(string KeptIn, string Findings, IReadOnlyList<LostAck> Lost, IReadOnlyDictionary<string, int> DocumentsRecovered, DateTimeOffset At);
