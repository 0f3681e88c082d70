using EdgeAgent.Models.Layout;
using EdgeAgent.Models.Scoring;

namespace EdgeAgent.Models.Rebalancing;

/// <summary>
/// The model path of a rebalance: sync the state, score late risk per order, then one round per horizon
/// step (candidates → one scoring batch → regret greedy → local improvement). Holds every cache.
/// </summary>
internal sealed class ModelPlanner
{
    private const int KeepCalls = 32;

    /// <summary>Nearest lists are checked against every task change, so unused ones go sooner than scores.</summary>
    private const int KeepListCalls = 4;

    /// <summary>Share of the deadline after which no new later step is planned.</summary>
    private const double LaterStepShare = 0.6;

    private readonly WarehouseLayout _layout;
    private readonly RebalancerOptions _options;
    private readonly TaskTable _tasks;
    private readonly BlockSet _blocks = new();
    private readonly CandidateListCache _lists = new();
    private readonly PickScoreCache _scores = new();
    private readonly TaskChanges _changes = new();
    private readonly ProfileBook _profiles;
    private readonly PlanningRun _run = new();
    private readonly RoundCandidates _round = new();
    private readonly RoundScorer _scorer;
    private readonly RiskScorer _risks;
    private readonly LaterStepMemory _memory = new();
    private readonly ShortestPathAssigner _assigner = new();
    private int _call;

    public ModelPlanner(WarehouseLayout layout, RebalancerOptions options)
    {
        _layout = layout;
        _options = options;
        _tasks = new TaskTable(layout);
        _profiles = new ProfileBook(_tasks);
        _scorer = new RoundScorer(_tasks, _blocks, _lists, _scores, layout, options);
        _risks = new RiskScorer(_tasks, new OrderRiskCache(), options);
    }

    /// <summary>The counters of the last run, also when it failed.</summary>
    public RunCounters Counters => _run.Counters;

    public PlanOutcome Plan(RebalanceRequest request, Deadline deadline, IPickDurationModel pickModel, ILateRiskModel riskModel)
    {
        Prepare(request, deadline);
        if (deadline.Passed)
        {
            return PlanOutcome.Late(deadline, "while syncing the state");
        }

        if (!_risks.TryScore(_run, riskModel, out var riskError))
        {
            return PlanOutcome.Failed(riskError);
        }

        var horizon = _run.Horizons.Count == 0 ? 0 : _run.Horizons.Max();
        for (var step = 0; step < horizon; step++)
        {
            if (step == 0 && deadline.Passed)
            {
                return PlanOutcome.Late(deadline, "before the first step");
            }

            var participants = Participants(step);
            if (participants.Count == 0)
            {
                break;
            }

            if (step > 0 && _options.KeepLaterSteps)
            {
                participants = _memory.Reuse(_run, _tasks, _blocks, _scores, participants, step);
                if (participants.Count == 0)
                {
                    continue;
                }
            }

            if (step > 0 && deadline.Used(LaterStepShare))
            {
                // The first step is what the floor acts on now; later ones are provisional. Rather than lose
                // the whole plan to the deadline, stop planning them (kept ones stay) and say so.
                _run.LaterStepsCut = true;
                break;
            }

            if (!TryRound(participants, widen: false, pickModel, out var error) || (step == 0 && !TryWiden(pickModel, out error)))
            {
                if (error is not null)
                {
                    return PlanOutcome.Failed(error);
                }

                if (step == 0)
                {
                    return PlanOutcome.Late(deadline, "in the first step");
                }

                _run.LaterStepsCut = true; // every first step is planned: the plan stands, later steps wait
                break;
            }
        }

        if (_call % KeepListCalls == 0)
        {
            _lists.Evict(_call, KeepListCalls);
        }

        if (_call % KeepCalls == 0)
        {
            _scores.Evict(_call, KeepCalls);
        }

        if (!_run.LaterStepsCut)
        {
            _memory.Remember(_run, _tasks); // a cut plan would make the memory forget later steps it could still reuse
        }

        return PlanOutcome.Planned(PlanAssembler.Assemble(_run, _tasks, [pickModel.Identity, riskModel.Identity]));
    }

    private void Prepare(RebalanceRequest request, Deadline deadline)
    {
        _call++;
        _tasks.Sync(request.Tasks, _changes);
        if (_blocks.Update(request.Disruptions, _tasks.Zones))
        {
            _lists.Clear();
            _memory.Forget();
        }
        else
        {
            _lists.Invalidate(_tasks, _blocks, _changes, _layout);
        }

        _run.Begin(request, deadline, _call, _tasks.HighWater);
        _run.Counters.Unlocatable = _changes.Unlocatable;
        _run.Counters.StaleBudget = _options.StaleRefreshBudget;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var picker in request.Pickers)
        {
            if (seen.Add(picker.Id) && Eligibility.IsAvailable(picker, request.Disruptions))
            {
                _run.AddPicker(picker, _profiles.Of(picker), RebalanceObjective.StartOf(picker, _layout), Math.Max(0, picker.Horizon ?? _options.Horizon));
            }
        }

        _run.Congestion = RebalanceObjective.PickersPerAisle(request, _layout);
    }

    /// <summary>Pickers still to plan at this step: horizon not reached and a task planned at every earlier step.</summary>
    private List<int> Participants(int step)
    {
        var participants = new List<int>(_run.Pickers.Count);
        for (var p = 0; p < _run.Pickers.Count; p++)
        {
            if (_run.Horizons[p] > step && _run.Steps[p].Count == step)
            {
                participants.Add(p);
            }
        }

        return participants;
    }

    private bool TryRound(List<int> participants, bool widen, IPickDurationModel model, out string? error)
    {
        error = null;
        _scorer.Build(_run, _round, participants, widen, firstStep: _run.Steps[participants[0]].Count == 0);
        if (_run.Deadline.Passed || !_scorer.TryScore(_run, _round, model, out error) || _run.Deadline.Passed)
        {
            return false;
        }

        _assigner.Assign(_run, _round);
        RoundRecorder.Record(_run, _round, _tasks, _options);
        return true;
    }

    /// <summary>
    /// At the first step, pickers whose pruned candidates were all taken get one more try over a wider, uncached
    /// neighbourhood. Later steps are provisional and do without: a short list there just plans fewer steps.
    /// </summary>
    private bool TryWiden(IPickDurationModel model, out string? error)
    {
        error = null;
        var unfilled = new List<int>();
        for (var i = 0; i < _round.Count; i++)
        {
            if (_round.Chosen[i] < 0 && _round.End(i) > _round.Start[i])
            {
                unfilled.Add(_round.Picker[i]);
            }
        }

        return unfilled.Count == 0 || TryRound(unfilled, widen: true, model, out error);
    }
}
