namespace EdgeAgent.Audit;

/// <summary>An audit search: any of an order, a task, a device and a person (all must match), a time range, a page.</summary>
public sealed record AuditQuery
{
    public string? Order { get; init; }

    public string? Task { get; init; }

    public string? Device { get; init; }

    /// <summary>A person's name (the actor) or a picker's id.</summary>
    public string? Person { get; init; }

    public DateTime? From { get; init; }

    public DateTime? To { get; init; }

    public int Limit { get; init; } = 50;

    /// <summary>Only records before this sequence number (the previous page's <c>next</c>).</summary>
    public long? Before { get; init; }
}
