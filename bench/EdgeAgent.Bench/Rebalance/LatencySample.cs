using EdgeAgent.Models.Rebalancing;

namespace EdgeAgent.Bench.Rebalance;

/// <summary>One timed rebalance of the trigger run.</summary>
internal sealed record LatencySample(RebalanceTrigger Trigger, double Milliseconds, double CpuMilliseconds, PlanMethod Method, bool LaterStepsCut, int PickRows, int RiskRows, int CacheHits, int StaleUsed);
