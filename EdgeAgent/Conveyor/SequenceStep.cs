namespace EdgeAgent.Conveyor;

/// <summary>What a device's message number says, against the last one the store holds.</summary>
public enum SequenceStep
{
    /// <summary>The next number, or a jump whose gap was recorded: apply the message.</summary>
    Next,

    /// <summary>The number the store already holds the effect of: a redelivery, apply nothing.</summary>
    Duplicate,

    /// <summary>Lower than the last: the device numbers again (rebooted); apply the message.</summary>
    Restarted,
}
