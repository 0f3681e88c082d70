namespace EdgeAgent.Events;

/// <summary>
/// One thing that happened on the floor, committed with its state change. The set of event types is closed:
/// each is a sealed record with named, typed fields and one wire name (<see cref="FloorEventTypeAttribute"/>);
/// observers dispatch on the type, and nobody parses <see cref="Describe"/>, which is for people.
/// </summary>
public abstract record FloorEvent
{
    /// <summary>The store's id, assigned when the event is recorded; 0 before.</summary>
    public long Id { get; set; }

    public required DateTime At { get; init; }

    /// <summary>The device that caused it, or the part of the agent that recorded it (<c>governance</c>, <c>planner</c>, <c>erp</c>, …).</summary>
    public required string DeviceId { get; init; }

    /// <summary>The device message's sequence number, or the audit record's for governance events; 0 when none.</summary>
    public long Seq { get; init; }

    /// <summary>The event type's wire name, e.g. <c>task.picked</c>.</summary>
    public string Type => FloorEventTypes.WireName(GetType());

    /// <summary>One line for people (the floor page, logs); never parsed.</summary>
    public abstract string Describe();
}
