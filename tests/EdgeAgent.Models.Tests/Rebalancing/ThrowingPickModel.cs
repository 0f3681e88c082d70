using EdgeAgent.Models.Features;

namespace EdgeAgent.Models.Tests.Rebalancing;

/// <summary>A pick model whose runtime fails, as a corrupt session would.</summary>
internal sealed class ThrowingPickModel : StandInPickModel
{
    public override void Predict(ReadOnlySpan<PickFeatures> rows, Span<float> seconds) =>
        throw new InvalidOperationException("onnx session disposed");
}
