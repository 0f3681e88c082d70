namespace EdgeAgent.Fulfilment;

/// <summary>An aisle or zone nobody may be sent to (a spill, a blocked rack), until a supervisor lifts it.</summary>
public sealed class FloorBlock
{
    /// <summary><c>aisle:C</c> or <c>zone:cold-1</c>.</summary>
    public string Id { get; set; } = "";

    public bool Aisle { get; set; }

    public string Name { get; set; } = "";

    public string BlockedBy { get; set; } = "";

    public DateTime BlockedAt { get; set; }

    public string? Reason { get; set; }

    public static string Key(bool aisle, string name) => $"{(aisle ? "aisle" : "zone")}:{name.Trim().ToUpperInvariant()}";
}
