namespace EdgeAgent.Models.Rebalancing;

/// <summary>
/// The later steps of the last model plan, per picker. A trigger usually touches one or two pickers, so a
/// picker whose previous step is unchanged keeps its next planned task while that task is still free, still
/// allowed and still scored (same position, same pace) instead of re-planning the whole floor's later steps.
/// </summary>
internal sealed class LaterStepMemory
{
    private readonly Dictionary<string, (int Slot, int Version, PlannedStep Step)[]> _byPicker = new(StringComparer.Ordinal);

    public void Remember(PlanningRun run, TaskTable tasks)
    {
        _byPicker.Clear();
        for (var p = 0; p < run.Pickers.Count; p++)
        {
            _byPicker[run.Pickers[p].Id] = run.Steps[p].Select(s => (s.Slot, tasks.Version[s.Slot], s)).ToArray();
        }
    }

    public void Forget() => _byPicker.Clear();

    /// <summary>Keeps, at <paramref name="step"/>, each picker's remembered task that still fits; returns the pickers still to plan.</summary>
    public List<int> Reuse(PlanningRun run, TaskTable tasks, BlockSet blocks, PickScoreCache scores, List<int> participants, int step)
    {
        var remaining = new List<int>(participants.Count);
        foreach (var p in participants)
        {
            if (!TryReuse(run, tasks, blocks, scores, p, step))
            {
                remaining.Add(p);
            }
        }

        return remaining;
    }

    private bool TryReuse(PlanningRun run, TaskTable tasks, BlockSet blocks, PickScoreCache scores, int p, int step)
    {
        if (!_byPicker.TryGetValue(run.Pickers[p].Id, out var previous) || previous.Length <= step
            || previous[step - 1].Slot != run.Steps[p][step - 1].Slot || previous[step - 1].Version != tasks.Version[previous[step - 1].Slot])
        {
            return false;
        }

        var (slot, version, old) = previous[step];
        if (tasks.Task[slot] is null || tasks.Version[slot] != version || run.IsTaken(slot) || !tasks.Eligible(run.Profiles[p], blocks, slot))
        {
            return false;
        }

        var from = run.PositionAfterPlan(p, tasks);
        if (!scores.TryGet(PickScoreCache.KeyOf(from, run.Pickers[p].Pace, slot), version, run.Call, out var score))
        {
            return false;
        }

        run.Take(slot, p);
        run.Counters.CacheHits++;
        var exposure = run.Exposure[slot];
        run.Steps[p].Add(old with { Seconds = score.Seconds, Exposure = exposure, Cost = score.Seconds - exposure, Risk = run.Risk[slot] });
        return true;
    }
}
