using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EdgeAgent.Models.Layout;

namespace EdgeAgent.Models.Rebalancing;

/// <summary>
/// Predicted seconds per (from position, pace, task slot), with the slot's version and the aisle
/// congestion they were scored with: a version mismatch is a miss, a congestion mismatch is stale.
/// </summary>
internal sealed class PickScoreCache
{
    private readonly Dictionary<long, Entry> _entries = [];
    private readonly List<long> _evict = [];

    public int Count => _entries.Count;

    /// <summary>The bay a position stands at; its level does not change any walking distance.</summary>
    public static int FromKey(BinLocation from) => from.Bay == 0 && from.Aisle == 0 ? 0 : ((from.Aisle + 1) * 1024) + from.Bay;

    public static long KeyOf(BinLocation from, double pace, int slot)
    {
        var paceKey = Math.Clamp((int)Math.Round(pace * 100), 0, 4095);
        return ((long)FromKey(from) << 44) | ((long)paceKey << 32) | (uint)slot;
    }

    /// <summary>A hit when the slot's version matches; marks the entry used by this call.</summary>
    public bool TryGet(long key, int version, int call, out Entry entry)
    {
        ref var found = ref CollectionsMarshal.GetValueRefOrNullRef(_entries, key);
        if (Unsafe.IsNullRef(ref found) || found.Version != version)
        {
            entry = default;
            return false;
        }

        found = found with { LastUsed = call };
        entry = found;
        return true;
    }

    public void Put(long key, float seconds, int version, int congestion, int call) =>
        _entries[key] = new Entry(seconds, version, congestion, call);

    public void Evict(int call, int keepCalls)
    {
        _evict.Clear();
        foreach (var (key, entry) in _entries)
        {
            if (call - entry.LastUsed > keepCalls)
            {
                _evict.Add(key);
            }
        }

        foreach (var key in _evict)
        {
            _entries.Remove(key);
        }
    }

    public readonly record struct Entry(float Seconds, int Version, int Congestion, int LastUsed);
}
