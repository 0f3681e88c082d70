namespace EdgeAgent.Drivers.Printers;

/// <summary>One print job: complete ZPL formats (<c>^XA … ^XZ</c>), best one label format per job.</summary>
public sealed record PrintJob
{
    /// <summary>Unique while the job is in the group: a second submit of the same id is refused, not printed twice.</summary>
    public required string Id { get; init; }

    public required byte[] Zpl { get; init; }

    /// <summary>Overrides <see cref="PrinterGroupOptions.JobTimeout"/> for this job.</summary>
    public TimeSpan? Timeout { get; init; }
}
