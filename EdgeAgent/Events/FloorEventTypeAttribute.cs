namespace EdgeAgent.Events;

/// <summary>The one wire name of a floor event type, used in the store, on the uplink and on the page.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class FloorEventTypeAttribute(string wireName) : Attribute
{
    public string WireName { get; } = wireName;
}
