namespace EdgeAgent.Commands;

/// <summary>A device family as it appears in topics (<c>dc/&lt;site&gt;/&lt;kind&gt;/&lt;id&gt;/…</c>) and what it publishes and reads there.</summary>
internal sealed record DeviceKind(string Name, string Publishes, string Reads)
{
    public static IReadOnlyDictionary<string, DeviceKind> All { get; } = new Dictionary<string, DeviceKind>(StringComparer.Ordinal)
    {
        ["handheld"] = new("handheld", "event, status (retained; last will {\"v\":1,\"online\":false})", "prompt"),
        ["scanner"] = new("scanner", "read, status (retained; last will)", "prompt"),
        ["printer"] = new("printer", "status (retained; last will)", "job"),
        ["iolink"] = new("iolink", "port1, port2, … (one topic per port), status", "(nothing)"),
        ["plc"] = new("plc", "status (retained; last will)", "divert"),
    };
}
