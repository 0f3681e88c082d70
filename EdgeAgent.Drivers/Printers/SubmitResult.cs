namespace EdgeAgent.Drivers.Printers;

/// <summary>What <see cref="PrinterGroup.Submit"/> did with a job.</summary>
public enum SubmitResult
{
    /// <summary>Queued on a printer (the preferred one if it was healthy).</summary>
    Queued,

    /// <summary>No printer is healthy: held by the group until one recovers or the job times out.</summary>
    Parked,

    /// <summary>A job with this id is already in the group.</summary>
    DuplicateId,

    /// <summary>The group is stopped.</summary>
    Stopped,
}
