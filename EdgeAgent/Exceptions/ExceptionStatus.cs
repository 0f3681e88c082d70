namespace EdgeAgent.Exceptions;

/// <summary>Where an exception is in its life.</summary>
public enum ExceptionStatus
{
    /// <summary>Seen fewer times than its type's threshold: counted, not routed to anyone yet.</summary>
    Watching,

    /// <summary>In its queue with the SLA clock running.</summary>
    Open,

    /// <summary>Someone owns it; the SLA clock has stopped.</summary>
    Acknowledged,

    Resolved,
}
