namespace EdgeAgent.Storage;

/// <summary>Why the store stopped accepting writes; only a restart, which re-reads the file from disk, clears it.</summary>
/// <param name="Reason">What failed, for /readyz, the watchdog and the operator.</param>
/// <param name="Cause">The error that made the store stop.</param>
/// <param name="At">When it happened.</param>
public sealed record StoreFault(string Reason, Exception Cause, DateTimeOffset At);
