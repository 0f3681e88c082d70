using EdgeAgent.Models.Layout;
using EdgeAgent.Models.Scoring;

namespace EdgeAgent.Models.Rebalancing;

/// <summary>
/// Plans each picker's next tasks with the pick-duration and late-risk models, falling back to the rule
/// when the deadline passes, a model fails or none is trusted. Stateful (it caches between calls so a
/// trigger re-scores only what changed): use one instance from one thread at a time.
/// </summary>
public sealed class Rebalancer
{
    private readonly WarehouseLayout _layout;
    private readonly TimeProvider _time;
    private IPickDurationModel? _pickModel;
    private ILateRiskModel? _riskModel;
    private readonly RulePlanner _rule;
    private ModelPlanner _planner;

    public Rebalancer(
        IPickDurationModel? pickModel, ILateRiskModel? riskModel, WarehouseLayout layout, RebalancerOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _layout = layout;
        Options = options ?? new RebalancerOptions();
        _time = time ?? TimeProvider.System;
        _pickModel = pickModel;
        _riskModel = riskModel;
        _planner = new ModelPlanner(layout, Options);
        _rule = new RulePlanner(layout, Options);
    }

    public RebalancerOptions Options { get; }

    /// <summary>Swaps the models (a hot update, or null to unload one) and drops every cached prediction.</summary>
    public void UseModels(IPickDurationModel? pickModel, ILateRiskModel? riskModel)
    {
        _pickModel = pickModel;
        _riskModel = riskModel;
        _planner = new ModelPlanner(_layout, Options);
    }

    /// <summary>
    /// Plans from the whole current state. <paramref name="deadline"/> overrides <see cref="RebalancerOptions.Deadline"/>
    /// for this call, e.g. a longer one for the first, cold call at start-up; <see cref="Timeout.InfiniteTimeSpan"/> means none.
    /// </summary>
    public RebalancePlan Rebalance(RebalanceRequest request, TimeSpan? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = Deadline.StartNow(_time, deadline ?? Options.Deadline);
        if (request.DriftLatched)
        {
            return RulePlan(request, clock, FallbackReason.DriftLatched, "the caller reported the drift latch set", null);
        }

        if (_pickModel is null || _riskModel is null)
        {
            var missing = _pickModel is null ? (_riskModel is null ? "pick-duration and late-risk models" : "pick-duration model") : "late-risk model";
            return RulePlan(request, clock, FallbackReason.NoModelLoaded, $"no {missing} loaded", null);
        }

        var outcome = _planner.Plan(request, clock, _pickModel, _riskModel);
        return outcome.Plan ?? RulePlan(request, clock, outcome.Reason, outcome.Detail, _planner.Counters.ToRecord());
    }

    private RebalancePlan RulePlan(RebalanceRequest request, Deadline clock, FallbackReason reason, string? detail, RebalanceCounters? counters)
    {
        var pickers = _rule.Plan(request);
        return new RebalancePlan
        {
            Pickers = pickers,
            Method = PlanMethod.RuleFallback,
            FallbackReason = reason,
            FallbackDetail = detail,
            Confidence = Options.RuleConfidence,
            Elapsed = clock.Elapsed,
            Trigger = request.Trigger,
            Counters = counters ?? new RebalanceCounters(),
        };
    }
}
