namespace EdgeAgent.Events;

/// <summary>The one wire name of a floor event type, used in the store, on the uplink and on the page.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class FloorEventTypeAttribute(string wireName) : Attribute
{
    public string WireName { get; } = wireName;

    /// <summary>
    /// A sample of a device's state or a measurement that the next sample supersedes: it travels in the
    /// uplink's sheddable telemetry lane and is the first thing shed when the outbox or the disk is short
    /// of space. Business events (anything a decision, an exception, a KPI or the ERP rests on) never are.
    /// </summary>
    public bool Telemetry { get; set; }
}
