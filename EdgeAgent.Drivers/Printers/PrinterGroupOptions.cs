using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.Drivers.Printers;

/// <summary>A set of interchangeable printers (one packing line) and how their queues behave.</summary>
public sealed record PrinterGroupOptions
{
    [Required]
    public required string Name { get; init; }

    [MinLength(1)]
    public required IReadOnlyList<PrinterEndpoint> Printers { get; init; }

    /// <summary>How often an idle or faulted printer is asked <c>~HS</c>; default 2 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a job may wait for a healthy printer before it fails; default 2 min.</summary>
    public TimeSpan JobTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Writes that may break off before the job fails; default 3.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; init; } = 3;

    /// <summary>
    /// True (the default): a faulted printer's queued jobs move at once to a healthy one. False: they stay queued on
    /// it until the owner calls <see cref="PrinterGroup.RerouteAsync"/> (a governed failover) or the printer recovers.
    /// </summary>
    public bool RerouteOnFault { get; init; } = true;

    /// <summary>Required when any printer uses <see cref="PrinterTransport.Mqtt"/>; one session serves all of them.</summary>
    public PrinterMqttOptions? Mqtt { get; init; }
}
