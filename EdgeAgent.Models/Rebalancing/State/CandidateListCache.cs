using EdgeAgent.Models.Layout;

namespace EdgeAgent.Models.Rebalancing;

/// <summary>
/// The nearest eligible tasks per (position, permissions), kept between rebalances. A list is marked
/// stale only when a removed task was on it or an added task would now make the cut, so after a trigger
/// almost every list is reused as is.
/// </summary>
internal sealed class CandidateListCache
{
    private readonly Dictionary<long, CandidateList> _lists = [];
    private readonly List<(double Distance, int Slot)> _found = [];
    private readonly List<long> _evict = [];

    public int Count => _lists.Count;

    public int[] Get(TaskTable tasks, BlockSet blocks, BinLocation from, PickerProfile profile, int k, int call)
    {
        var key = ((long)PickScoreCache.FromKey(from) << 24) | (uint)profile.Id;
        if (_lists.TryGetValue(key, out var list) && !list.Stale)
        {
            list.LastUsed = call;
            return list.Slots;
        }

        tasks.Index.Nearest(from, profile, blocks, k, _found);
        var slots = new int[_found.Count];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = _found[i].Slot;
        }

        var cut = _found.Count < k ? double.PositiveInfinity : _found[^1].Distance;
        _lists[key] = new CandidateList(from, profile, slots, cut) { LastUsed = call };
        return slots;
    }

    /// <summary>Marks the lists a sync's changes could alter.</summary>
    public void Invalidate(TaskTable tasks, BlockSet blocks, TaskChanges changes, WarehouseLayout layout)
    {
        if (changes.Added.Count == 0 && changes.Removed.Count == 0)
        {
            return;
        }

        foreach (var list in _lists.Values)
        {
            if (list.Stale)
            {
                continue;
            }

            list.Stale = Touches(list, changes.Removed) || Gains(list, tasks, blocks, changes.Added, layout);
        }
    }

    public void Clear() => _lists.Clear();

    /// <summary>Forgets lists unused for a while, so positions pickers have left do not pile up.</summary>
    public void Evict(int call, int keepCalls)
    {
        _evict.Clear();
        foreach (var (key, list) in _lists)
        {
            if (call - list.LastUsed > keepCalls)
            {
                _evict.Add(key);
            }
        }

        foreach (var key in _evict)
        {
            _lists.Remove(key);
        }
    }

    private static bool Touches(CandidateList list, List<int> removed)
    {
        foreach (var slot in removed)
        {
            if (Array.IndexOf(list.Slots, slot) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Gains(CandidateList list, TaskTable tasks, BlockSet blocks, List<int> added, WarehouseLayout layout)
    {
        foreach (var slot in added)
        {
            if (tasks.Eligible(list.Profile, blocks, slot) && layout.Distance(list.From, tasks.Bin[slot]) <= list.Cut)
            {
                return true;
            }
        }

        return false;
    }

    private sealed class CandidateList(BinLocation from, PickerProfile profile, int[] slots, double cut)
    {
        public BinLocation From { get; } = from;

        public PickerProfile Profile { get; } = profile;

        public int[] Slots { get; } = slots;

        /// <summary>The distance of the last task that made the list; infinite when the list is short.</summary>
        public double Cut { get; } = cut;

        public bool Stale { get; set; }

        public int LastUsed { get; set; }
    }
}
