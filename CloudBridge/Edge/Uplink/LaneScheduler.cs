namespace CloudBridge.Uplink;

/// <summary>
/// Weighted round robin over lanes in priority order: each round a lane may send as many batches as its
/// weight, so business and audit go first but telemetry still gets its share.
/// </summary>
internal sealed class LaneScheduler
{
    private readonly int[] _weights;
    private readonly int[] _credits;

    public LaneScheduler(IReadOnlyList<int> weights)
    {
        _weights = [.. weights];
        _credits = [.. weights];
    }

    /// <summary>The index of the lane to send next, or -1 when no lane has work.</summary>
    public int Next(Func<int, bool> hasWork)
    {
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < _credits.Length; i++)
            {
                if (_credits[i] > 0 && hasWork(i))
                {
                    _credits[i]--;
                    return i;
                }
            }

            // Every lane with credit left is idle: start a new round.
            Array.Copy(_weights, _credits, _weights.Length);
        }

        return -1;
    }
}
