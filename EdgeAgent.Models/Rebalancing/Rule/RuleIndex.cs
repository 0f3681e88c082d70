using EdgeAgent.Models.Layout;

namespace EdgeAgent.Models.Rebalancing;

/// <summary>
/// The rule's own view of the open tasks, built from the request alone (no cache, no model): reachable
/// tasks in (cut-off bucket, request order), with each bucket's tasks listed per aisle so "nearest" looks
/// at a few aisles, not every task. Buffers are reused between calls; nothing in them outlives a call.
/// </summary>
internal sealed class RuleIndex
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private long[] _keys = [];
    private int[] _order = [];

    public OpenTask[] Tasks { get; private set; } = [];

    public BinLocation[] Bins { get; private set; } = [];

    public string[] Zones { get; private set; } = [];

    public bool[] Taken { get; private set; } = [];

    public int Count { get; private set; }

    /// <summary>Earliest cut-off bucket first.</summary>
    public List<RuleBucket> Buckets { get; } = [];

    public void Build(RebalanceRequest request, WarehouseLayout layout, RebalancerOptions options)
    {
        Grow(request.Tasks.Count);
        _seen.Clear();
        var bucketTicks = Math.Max(1, options.RuleCutOffBucket.Ticks);
        var n = 0;
        for (var i = 0; i < request.Tasks.Count; i++)
        {
            var task = request.Tasks[i];
            if (!_seen.Add(task.Id) || layout.Locate(task.Location) is not { } bin || !Eligibility.IsReachable(task, bin, request.Disruptions))
            {
                continue;
            }

            // Bucket in the high bits, request order in the low 24: one primitive sort orders both.
            _keys[n] = ((task.ShipCutOff.UtcTicks / bucketTicks) << 24) | (uint)i;
            _order[n++] = i;
        }

        Array.Sort(_keys, _order, 0, n);
        Count = n;
        Buckets.Clear();
        for (var j = 0; j < n; j++)
        {
            var task = request.Tasks[_order[j]];
            var bin = layout.Locate(task.Location)!.Value;
            (Tasks[j], Bins[j], Zones[j], Taken[j]) = (task, bin, Eligibility.ZoneOf(task, bin), false);
            var bucket = _keys[j] >> 24;
            if (Buckets.Count == 0 || Buckets[^1].Key != bucket)
            {
                Buckets.Add(new RuleBucket(bucket));
            }

            Buckets[^1].Add(j, bin.Aisle);
        }
    }

    public void Take(int item, RuleBucket bucket)
    {
        Taken[item] = true;
        bucket.FreeByAisle[Bins[item].Aisle]--;
        bucket.Free--;
    }

    private void Grow(int size)
    {
        if (_keys.Length >= size)
        {
            return;
        }

        _keys = new long[size];
        _order = new int[size];
        Tasks = new OpenTask[size];
        Bins = new BinLocation[size];
        Zones = new string[size];
        Taken = new bool[size];
    }
}
