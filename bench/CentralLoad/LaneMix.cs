namespace CentralLoad;

/// <summary>
/// How a DC's events spread over the bridge's lanes and what batches the edge sends: business events most, telemetry
/// in larger batches, audit records few and small (a decision's record). Shares add to 1.
/// </summary>
internal static class LaneMix
{
    public static readonly (string Lane, double Share, int SaturatedBatch)[] Lanes =
    [
        ("business", 0.60, 200),
        ("telemetry", 0.35, 250),
        ("audit", 0.05, 10),
    ];

    public const int PayloadBytes = 300;
}
