namespace EdgeAgent.Drivers.Plc;

/// <summary>One divert for a PLC to carry out: write <see cref="Tag"/> so the carton goes to <see cref="Lane"/>.</summary>
public sealed record PlcDivertCommand
{
    /// <summary>The PLC adapter's device id: the command goes to <c>dc/{site}/plc/{PlcId}/divert</c>.</summary>
    public required string PlcId { get; init; }

    /// <summary>The PLC tag the adapter sets for this lane's actuator, as configured for the lane.</summary>
    public required string Tag { get; init; }

    public required string Lane { get; init; }

    /// <summary>The carton's SSCC; null for a no-read going to the reject lane.</summary>
    public string? Sscc { get; init; }

    /// <summary><c>sorted</c>, or why the carton goes to the reject lane (<c>no-read</c>, <c>weight-mismatch</c>, …).</summary>
    public required string Reason { get; init; }

    /// <summary>The governed decision's audit sequence number.</summary>
    public long DecisionSeq { get; init; }

    /// <summary>The scanner whose read this divert answers, and the read's number: the PLC matches it to the carton it tracks.</summary>
    public required string ScannerId { get; init; }

    public long ScanSeq { get; init; }

    public required DateTimeOffset At { get; init; }
}
