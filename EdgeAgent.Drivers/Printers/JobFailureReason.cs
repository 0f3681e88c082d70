namespace EdgeAgent.Drivers.Printers;

public enum JobFailureReason
{
    /// <summary>Not written within its timeout (no healthy printer in time).</summary>
    TimedOut,

    /// <summary>Every allowed attempt broke off mid-write.</summary>
    AttemptsExhausted,

    /// <summary>The group stopped with the job still queued.</summary>
    GroupStopped,
}
