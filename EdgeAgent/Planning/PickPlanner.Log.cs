using EdgeAgent.Models.Drift;
using EdgeAgent.Models.Onnx;
using EdgeAgent.Models.Rebalancing;

namespace EdgeAgent.Planning;

public sealed partial class PickPlanner
{
    [LoggerMessage(EventId = 70, Level = LogLevel.Warning, Message = "Model {Model} refused ({Reason}): {Detail}; the rule plans instead")]
    private static partial void LogModelRejected(ILogger logger, string model, ModelRejectionReason reason, string detail);

    [LoggerMessage(EventId = 71, Level = LogLevel.Information, Message = "Pick planning by {Method} ({Why}) {Models}")]
    private static partial void LogMethod(ILogger logger, string method, string why, string models);

    [LoggerMessage(EventId = 72, Level = LogLevel.Warning, Message = "Model drift on {Signal}: {Drift:0.###} past {Threshold:0.###} over {Samples} samples; switched to the rule: {Switched}")]
    private static partial void LogDrift(ILogger logger, DriftSignal signal, double drift, double threshold, int samples, bool switched);

    [LoggerMessage(EventId = 73, Level = LogLevel.Error, Message = "Rebalance on {Trigger} failed; the last plan and the rule stay in charge")]
    private static partial void LogRebalanceFailed(ILogger logger, Exception exception, RebalanceTrigger trigger);

    [LoggerMessage(EventId = 80, Level = LogLevel.Information, Message = "Shadow trial of {Model} {Candidate} beside {Current} on live requests")]
    private static partial void LogShadowTrial(ILogger logger, string model, string candidate, string current);

    [LoggerMessage(EventId = 81, Level = LogLevel.Warning, Message = "Input drift on {Model}: feature {Feature} PSI {Psi:0.###} past {Threshold:0.###} over {Samples} rows")]
    private static partial void LogInputDrift(ILogger logger, string model, string feature, double psi, double threshold, int samples);
}
