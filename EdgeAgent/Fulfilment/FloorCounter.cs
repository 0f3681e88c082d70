namespace EdgeAgent.Fulfilment;

/// <summary>A named counter kept in the store, e.g. the last task revision handed out.</summary>
public sealed class FloorCounter
{
    public const string TaskRevision = "task-revision";

    public string Id { get; set; } = "";

    public long Value { get; set; }
}
