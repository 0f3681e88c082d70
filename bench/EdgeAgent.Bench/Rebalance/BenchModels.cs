using EdgeAgent.Models.Scoring;

namespace EdgeAgent.Bench.Rebalance;

/// <summary>
/// The models the rebalance section scores with. Until the trained ONNX models land this returns the
/// deterministic stand-ins, charged ONNX Runtime's measured cost on this machine (TOOLING-FACTS: ~3 µs a
/// row in batches, plus a fixed cost per call); swap in the real ones here, in this one place.
/// </summary>
internal static class BenchModels
{
    public const double MicrosPerRow = 3.0;
    public const double MicrosPerBatch = 25.0;

    public static (IPickDurationModel Pick, ILateRiskModel Risk) Create() =>
        (new StandInPickModel(MicrosPerBatch, MicrosPerRow), new StandInRiskModel(MicrosPerBatch, MicrosPerRow));

    public static string Describe(IPickDurationModel pick, ILateRiskModel risk) =>
        pick is StandInPickModel
            ? $"stand-in models (deterministic formulas; each call spins {MicrosPerBatch} µs + {MicrosPerRow} µs a row to charge ONNX Runtime's measured batch cost)"
            : $"{pick.Identity.Name} {pick.Identity.Version} and {risk.Identity.Name} {risk.Identity.Version}";
}
