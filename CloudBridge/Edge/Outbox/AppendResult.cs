namespace CloudBridge.Outbox;

/// <summary>What <see cref="Outbox.Append"/> did with one event.</summary>
public readonly record struct AppendResult(bool Stored, long Sequence, string EventId)
{
    /// <summary>The event was shed because the outbox is over quota and its lane is sheddable.</summary>
    public bool Shed => !Stored;
}
