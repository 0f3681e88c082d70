namespace CloudBridge.Outbox;

/// <summary>
/// The outbox is over its disk quota and the event may not be shed: the whole write is refused so the
/// host can answer "try again" (backpressure) instead of losing a business event.
/// </summary>
public sealed class OutboxFullException : Exception
{
    public OutboxFullException()
    {
    }

    public OutboxFullException(string message)
        : base(message)
    {
    }

    public OutboxFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string Lane { get; init; } = "";

    public long QuotaBytes { get; init; }

    public long UsedBytes { get; init; }
}
