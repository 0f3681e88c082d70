using EdgeAgent.Fulfilment;
using EdgeAgent.Models.Onnx;
using EdgeAgent.Models.Rebalancing;

namespace EdgeAgent.Planning;

/// <summary>The planner's last rebalance: the plan, what it took, and the models it could not load.</summary>
public sealed record PlannerStatus(PickPlan Plan, TimeSpan Elapsed, RebalanceCounters Counters, double? Objective, IReadOnlyList<ModelRejection> Rejections);
