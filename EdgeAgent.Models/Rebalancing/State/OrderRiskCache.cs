using EdgeAgent.Models.Features;

namespace EdgeAgent.Models.Rebalancing;

/// <summary>
/// Late risk per order with the features it was scored from. An order whose lines or priority changed
/// must be re-scored; one whose features moved only with the clock or the backlog is stale and is
/// refreshed within a budget, oldest first, so a minute boundary does not re-score every order at once.
/// </summary>
internal sealed class OrderRiskCache
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly List<string> _evict = [];

    public int Count => _entries.Count;

    public Verdict Check(string orderId, LateRiskFeatures features, out float risk)
    {
        if (!_entries.TryGetValue(orderId, out var entry))
        {
            risk = 0;
            return Verdict.Missing;
        }

        risk = entry.Risk;
        if (entry.Features == features)
        {
            return Verdict.Fresh;
        }

        var sameWork = entry.Features.OpenLines == features.OpenLines
            && entry.Features.RemainingWorkMinutes == features.RemainingWorkMinutes
            && entry.Features.Priority == features.Priority;
        return sameWork ? Verdict.Stale : Verdict.Missing;
    }

    public int AgeOf(string orderId) => _entries.TryGetValue(orderId, out var entry) ? entry.ScoredAt : int.MinValue;

    public void Put(string orderId, LateRiskFeatures features, float risk, int call) =>
        _entries[orderId] = new Entry(features, risk, call);

    /// <summary>Forgets orders that have no open lines any more.</summary>
    public void Retain(IReadOnlyDictionary<string, LateRiskFeatures> open)
    {
        if (_entries.Count <= open.Count)
        {
            return;
        }

        _evict.Clear();
        foreach (var id in _entries.Keys)
        {
            if (!open.ContainsKey(id))
            {
                _evict.Add(id);
            }
        }

        foreach (var id in _evict)
        {
            _entries.Remove(id);
        }
    }

    public enum Verdict
    {
        Fresh,
        Stale,
        Missing,
    }

    private readonly record struct Entry(LateRiskFeatures Features, float Risk, int ScoredAt);
}
