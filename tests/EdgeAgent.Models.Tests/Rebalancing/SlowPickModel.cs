using EdgeAgent.Models.Features;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Models.Tests.Rebalancing;

/// <summary>A pick model that takes "too long": it moves the fake clock past any deadline while scoring.</summary>
internal sealed class SlowPickModel(FakeTimeProvider time, TimeSpan perBatch) : StandInPickModel
{
    public override void Predict(ReadOnlySpan<PickFeatures> rows, Span<float> seconds)
    {
        time.Advance(perBatch);
        base.Predict(rows, seconds);
    }
}
