namespace EdgeAgent.Fulfilment;

/// <summary>An order on hold: its open tasks are not handed to pickers until the hold is released (collection <c>order_holds</c>).</summary>
public sealed class OrderHold
{
    /// <summary>The order id.</summary>
    public string Id { get; set; } = "";

    public DateTime HeldAt { get; set; }

    public string HeldBy { get; set; } = "";

    /// <summary>The audit record of the decision that held it.</summary>
    public long DecisionSeq { get; set; }
}
