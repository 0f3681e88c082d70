using EdgeAgent.Models.Layout;

namespace EdgeAgent.Models.Rebalancing;

/// <summary>
/// Open tasks bucketed by (aisle, zone) and sorted by bay. Walking distance from any point is monotone
/// along a bucket from each end towards a turning bay, so the nearest tasks come out of a k-way merge of
/// at most two cursors per bucket without measuring the rest.
/// </summary>
internal sealed class SpatialIndex
{
    private readonly TaskTable _tasks;
    private readonly WarehouseLayout _layout;
    private readonly Dictionary<int, Bucket> _byKey = [];
    private readonly List<Bucket> _buckets = [];
    private readonly List<Cursor> _cursors = [];
    private readonly PriorityQueue<int, double> _heap = new();

    public SpatialIndex(TaskTable tasks, WarehouseLayout layout)
    {
        _tasks = tasks;
        _layout = layout;
    }

    public void Add(int slot)
    {
        var key = (_tasks.Bin[slot].Aisle * 4096) + _tasks.ZoneId[slot];
        if (!_byKey.TryGetValue(key, out var bucket))
        {
            bucket = new Bucket(_tasks.Bin[slot].Aisle, _tasks.ZoneId[slot]);
            _byKey.Add(key, bucket);
            _buckets.Add(bucket);
        }

        bucket.Slots.Insert(FirstAfter(bucket, _tasks.Bin[slot].Y), slot);
    }

    public void Remove(int slot)
    {
        var bucket = _byKey[(_tasks.Bin[slot].Aisle * 4096) + _tasks.ZoneId[slot]];
        var i = FirstAfter(bucket, _tasks.Bin[slot].Y - (_layout.BayDepth / 2));
        while (bucket.Slots[i] != slot)
        {
            i++;
        }

        bucket.Slots.RemoveAt(i);
    }

    /// <summary>
    /// Fills <paramref name="found"/> with the <paramref name="k"/> nearest eligible slots, ordered by
    /// (distance, request order); all ties at the k-th distance are weighed before the cut.
    /// </summary>
    public void Nearest(BinLocation from, PickerProfile profile, BlockSet blocks, int k, List<(double Distance, int Slot)> found)
    {
        found.Clear();
        _cursors.Clear();
        _heap.Clear();
        var turn = ((_layout.BaysPerAisle + 1) * _layout.BayDepth) - from.Y;
        foreach (var bucket in _buckets)
        {
            if (bucket.Slots.Count == 0 || blocks.Blocks(bucket.Aisle, bucket.ZoneId) || !(profile.Zones?.Contains(bucket.ZoneId) ?? true))
            {
                continue;
            }

            if (bucket.Aisle == from.Aisle)
            {
                // Outwards from the picker's bay in both directions.
                var split = FirstAfter(bucket, from.Y);
                AddCursor(from, bucket, split - 1, -1, -1);
                AddCursor(from, bucket, split, 1, bucket.Slots.Count);
            }
            else
            {
                // Inwards from both ends: the front part is reached round the front, the rest round the back.
                var split = FirstAfter(bucket, turn);
                AddCursor(from, bucket, 0, 1, split);
                AddCursor(from, bucket, bucket.Slots.Count - 1, -1, split - 1);
            }
        }

        while (_heap.TryDequeue(out var c, out var distance))
        {
            if (found.Count >= k && distance > found[k - 1].Distance)
            {
                break;
            }

            var cursor = _cursors[c];
            var slot = cursor.Bucket.Slots[cursor.Index];
            if (profile.Permits(_tasks.ZoneId[slot], _tasks.SkillId[slot]))
            {
                found.Add((distance, slot));
            }

            cursor.Index += cursor.Step;
            _cursors[c] = cursor;
            if (cursor.Index != cursor.Stop)
            {
                _heap.Enqueue(c, _layout.Distance(from, _tasks.Bin[cursor.Bucket.Slots[cursor.Index]]));
            }
        }

        found.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : _tasks.Input[a.Slot].CompareTo(_tasks.Input[b.Slot]));
        if (found.Count > k)
        {
            found.RemoveRange(k, found.Count - k);
        }
    }

    private void AddCursor(BinLocation from, Bucket bucket, int index, int step, int stop)
    {
        if (index == stop)
        {
            return;
        }

        _cursors.Add(new Cursor(bucket, index, step, stop));
        _heap.Enqueue(_cursors.Count - 1, _layout.Distance(from, _tasks.Bin[bucket.Slots[index]]));
    }

    /// <summary>Index of the first slot in the bucket lying beyond <paramref name="y"/>.</summary>
    private int FirstAfter(Bucket bucket, double y)
    {
        int lo = 0, hi = bucket.Slots.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_tasks.Bin[bucket.Slots[mid]].Y <= y)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private sealed record Bucket(int Aisle, int ZoneId)
    {
        public List<int> Slots { get; } = [];
    }

    private record struct Cursor(Bucket Bucket, int Index, int Step, int Stop);
}
