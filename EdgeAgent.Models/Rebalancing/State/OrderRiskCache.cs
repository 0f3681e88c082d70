using EdgeAgent.Models.Features;

namespace EdgeAgent.Models.Rebalancing;

/// <summary>
/// Late risk per order number with the features it was scored from. An order whose lines or priority
/// changed must be re-scored; one whose features moved only with the clock or the backlog is stale and is
/// refreshed within a budget, oldest first, so a minute boundary does not re-score every order at once.
/// </summary>
internal sealed class OrderRiskCache
{
    private Entry[] _entries = new Entry[256];

    public Verdict Check(int order, int version, LateRiskFeatures features, out float risk, out int scoredAt)
    {
        if (order >= _entries.Length)
        {
            Array.Resize(ref _entries, Math.Max(order + 1, _entries.Length * 2));
        }

        var entry = _entries[order];
        risk = entry.Risk;
        scoredAt = entry.ScoredAt;
        if (entry.Version != version)
        {
            return Verdict.Missing;
        }

        if (entry.Features == features)
        {
            return Verdict.Fresh;
        }

        var sameWork = entry.Features.OpenLines == features.OpenLines
            && entry.Features.RemainingWorkMinutes == features.RemainingWorkMinutes
            && entry.Features.Priority == features.Priority;
        return sameWork ? Verdict.Stale : Verdict.Missing;
    }

    public void Put(int order, int version, LateRiskFeatures features, float risk, int call) =>
        _entries[order] = new Entry(features, risk, version, call);

    public enum Verdict
    {
        Fresh,
        Stale,
        Missing,
    }

    private readonly record struct Entry(LateRiskFeatures Features, float Risk, int Version, int ScoredAt);
}
