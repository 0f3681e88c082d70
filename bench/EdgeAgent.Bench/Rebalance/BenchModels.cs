using EdgeAgent.Models.Onnx;
using EdgeAgent.Models.Scoring;

namespace EdgeAgent.Bench.Rebalance;

/// <summary>
/// The models the rebalance section scores with: the shipped ONNX files, loaded once through the same
/// manifest check as the agent's, in real ONNX Runtime sessions. The bench refuses to run on stand-ins.
/// </summary>
internal static class BenchModels
{
    private static readonly Lazy<ModelSet> Shipped = new(() =>
    {
        var set = ModelSet.Load(ModelSet.DefaultDirectory);
        return set.IsComplete
            ? set
            : throw new InvalidOperationException($"The shipped models did not load: {string.Join("; ", set.Rejections.Select(r => r.Message))}");
    });

    public static (IPickDurationModel Pick, ILateRiskModel Risk) Create() => (Shipped.Value.PickDuration!, Shipped.Value.LateRisk!);

    public static string Describe(IPickDurationModel pick, ILateRiskModel risk) =>
        $"the shipped ONNX models in ONNX Runtime ({pick.Identity.Name} {pick.Identity.Version}, {risk.Identity.Name} {risk.Identity.Version})";
}
