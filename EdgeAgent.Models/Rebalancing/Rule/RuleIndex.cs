using EdgeAgent.Models.Layout;

namespace EdgeAgent.Models.Rebalancing;

/// <summary>
/// The rule's own view of the open tasks, built from the request alone (no cache, no model): reachable
/// tasks grouped by cut-off bucket, then by aisle, so "nearest" looks at a few aisles, not every task.
/// </summary>
internal sealed class RuleIndex
{
    public RuleIndex(RebalanceRequest request, WarehouseLayout layout, RebalancerOptions options)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var bucketTicks = Math.Max(1, options.RuleCutOffBucket.Ticks);
        var items = new List<(long Bucket, int Input, OpenTask Task, BinLocation Bin)>();
        for (var i = 0; i < request.Tasks.Count; i++)
        {
            var task = request.Tasks[i];
            if (!seen.Add(task.Id) || layout.Locate(task.Location) is not { } bin || !Eligibility.IsReachable(task, bin, request.Disruptions))
            {
                continue;
            }

            items.Add((task.ShipCutOff.UtcTicks / bucketTicks, i, task, bin));
        }

        items.Sort((a, b) => a.Bucket != b.Bucket ? a.Bucket.CompareTo(b.Bucket) : a.Input.CompareTo(b.Input));
        Tasks = items.Select(i => i.Task).ToArray();
        Bins = items.Select(i => i.Bin).ToArray();
        Zones = items.Select(i => Eligibility.ZoneOf(i.Task, i.Bin)).ToArray();
        Taken = new bool[items.Count];
        BucketOf = new int[items.Count];
        var groups = new List<BucketGroup>();
        for (var i = 0; i < items.Count; i++)
        {
            if (groups.Count == 0 || groups[^1].Bucket != items[i].Bucket)
            {
                groups.Add(new BucketGroup(items[i].Bucket));
            }

            groups[^1].Add(i, Bins[i].Aisle);
            BucketOf[i] = groups.Count - 1;
        }

        Buckets = groups;
    }

    public OpenTask[] Tasks { get; }

    public BinLocation[] Bins { get; }

    public string[] Zones { get; }

    public bool[] Taken { get; }

    public int[] BucketOf { get; }

    public void Take(int item)
    {
        Taken[item] = true;
        var bucket = Buckets[BucketOf[item]];
        bucket.FreeByAisle[Bins[item].Aisle]--;
        bucket.Free--;
    }

    /// <summary>Earliest cut-off bucket first; within one, tasks per aisle in request order.</summary>
    public IReadOnlyList<BucketGroup> Buckets { get; }

    /// <summary>Tasks sharing a cut-off bucket, by aisle, with how many are still free per aisle.</summary>
    internal sealed class BucketGroup(long bucket)
    {
        public long Bucket { get; } = bucket;

        public Dictionary<int, List<int>> ByAisle { get; } = [];

        public Dictionary<int, int> FreeByAisle { get; } = [];

        public int Free { get; set; }

        public void Add(int item, int aisle)
        {
            if (!ByAisle.TryGetValue(aisle, out var list))
            {
                list = [];
                ByAisle.Add(aisle, list);
                FreeByAisle.Add(aisle, 0);
            }

            list.Add(item);
            FreeByAisle[aisle]++;
            Free++;
        }
    }
}
