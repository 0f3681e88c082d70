using EdgeAgent.Models.Rebalancing;

namespace EdgeAgent.Bench.Rebalance;

/// <summary>
/// The floor the bench drives: applies one trigger at a time the way the host would (a picker starts its
/// first planned task, a release lands, a picker leaves or returns, an order is expedited) and says which.
/// </summary>
internal sealed class FloorState(BenchFloor floor, List<PickerState> pickers, List<OpenTask> tasks)
{
    public DateTimeOffset Now { get; private set; } = BenchFloor.Start;

    public List<PickerState> Pickers { get; } = pickers;

    public List<OpenTask> Tasks { get; } = tasks;

    public RebalanceRequest Request(RebalanceTrigger trigger) => new()
    {
        Pickers = Pickers.ToArray(),
        Tasks = Tasks.ToArray(),
        Now = Now,
        Trigger = trigger,
    };

    /// <summary>Moves the floor on by one event, given the last plan; returns the trigger it amounts to.</summary>
    public RebalanceTrigger Advance(RebalancePlan plan)
    {
        Now = Now.AddSeconds(1 + floor.Next(6));
        var roll = floor.NextDouble();
        if (roll < 0.70 && StartNextTask(plan))
        {
            return RebalanceTrigger.TaskDone;
        }

        if (roll < 0.75)
        {
            Tasks.AddRange(floor.Release(50, Now));
            return RebalanceTrigger.NewRelease;
        }

        if (roll < 0.85)
        {
            var i = floor.Next(Pickers.Count);
            Pickers[i] = Pickers[i] with { Available = !Pickers[i].Available };
            return RebalanceTrigger.Disruption;
        }

        var order = Tasks[floor.Next(Tasks.Count)].OrderId;
        for (var t = 0; t < Tasks.Count; t++)
        {
            if (Tasks[t].OrderId == order)
            {
                Tasks[t] = Tasks[t] with { Priority = 1 };
            }
        }

        return RebalanceTrigger.PriorityChange;
    }

    /// <summary>A picker finishes its task in hand and the host prompts its first planned task.</summary>
    private bool StartNextTask(RebalancePlan plan)
    {
        var ready = plan.Pickers.Where(p => p.Tasks.Count > 0).ToList();
        if (ready.Count == 0)
        {
            return false;
        }

        var next = ready[floor.Next(ready.Count)];
        var step = next.Tasks[0];
        var index = Tasks.FindIndex(t => t.Id == step.TaskId);
        var task = Tasks[index];
        Tasks.RemoveAt(index);
        var p = Pickers.FindIndex(x => x.Id == next.PickerId);
        Pickers[p] = Pickers[p] with { Position = task.Location, CurrentTaskId = task.Id, RemainingSeconds = step.PredictedSeconds };
        return true;
    }
}
