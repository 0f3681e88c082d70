using EdgeAgent.Governance;
using EdgeAgent.Models.Layout;
using EdgeAgent.Planning;

namespace EdgeAgent.Fulfilment;

/// <summary>
/// Hands a picker their next task inside the pick loop's store write. The candidate is the first task
/// the latest plan lined up for them that is still open and theirs to pick, else the rule's (earliest
/// ship cut-off, then nearest, within the picker's zones and skills); a model pick under the decision
/// right's confidence threshold gives way to the rule. The candidate then goes through the governance
/// gate as <c>task.assign</c>: automated, it is handed out; otherwise the picker waits for a person, and takes
/// any work the agent may hand out itself that comes up meanwhile.
/// </summary>
public sealed class TaskAssigner(PickerOptions pickers, PlanBoard board, GovernanceGate? gate = null)
{
    /// <summary>Open tasks the rule looks at, earliest cut-off first: bounded so a big backlog stays cheap.</summary>
    internal const int RuleCandidates = 256;

    /// <summary>Tasks of the plan's backlog the rule looks up before it gives up on it for this picker.</summary>
    internal const int MaxBacklogLookups = 1_000;

    /// <summary>Cut-offs this close to the earliest count as equally urgent, and then distance decides.</summary>
    internal static readonly TimeSpan CutOffWindow = TimeSpan.FromMinutes(5);

    private static readonly WarehouseLayout Layout = new();

    public AssignOutcome AssignNext(FloorCollections floor, PickerSession picker, DateTime now, string trigger = "picker needs a task")
    {
        ArgumentNullException.ThrowIfNull(floor);
        ArgumentNullException.ThrowIfNull(picker);
        if (DecidedNext(floor, picker, now) is { } decided)
        {
            return new AssignOutcome(null, null) { Decided = decided };
        }

        var waiting = gate is null ? null : StillWaiting(floor, picker);
        var profile = pickers.For(picker.Id);
        var plan = board.Current;
        // Orders on hold and blocked aisles or zones stay out of every picker's hands until a supervisor lifts them.
        var held = floor.Holds.Count() == 0 ? null : floor.Holds.FindAll().Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
        var blocked = floor.Blocks.Count() == 0 ? null : floor.Blocks.FindAll().Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        bool Eligible(PickTask task) => profile.MayPick(task)
            && (held is null || !held.Contains(task.OrderId))
            && (blocked is null || !(blocked.Contains(FloorBlock.Key(false, task.Zone)) || (Layout.Locate(task.Location) is { } bin && blocked.Contains(FloorBlock.Key(true, bin.DefaultZone)))));
        // Work the agent may hand out on its own comes first: a zone paused (or needing a person) for task.assign
        // should not idle every picker whose best task lies there while other zones have work.
        var automatic = new Dictionary<(string, bool), bool>();
        bool Automatic(PickTask task) => gate is null || NextTaskDecision.Automatic(floor, gate, task, automatic);
        bool HandedOutByTheAgent(PickTask task) => Eligible(task) && Automatic(task);
        var byTheAgent = board.ReleaseOrder
            ? InReleaseOrder(floor, HandedOutByTheAgent)
            : FromPlan(floor, picker, HandedOutByTheAgent, plan) ?? ByRule(floor, picker, HandedOutByTheAgent, plan, RuleReason(plan));
        if (waiting is not null && byTheAgent is null)
        {
            return new AssignOutcome(null, waiting);
        }

        // A picker waiting for a person's decision takes such work meanwhile (a new wave, a task put back): the decision
        // stays open and theirs (see below), and is what they wait for again once that work is done.
        // Work that needs a person is not put to them twice: a task another picker already waits for is left out.
        HashSet<string>? awaited = null;
        bool ForAPerson(PickTask task) => Eligible(task)
            && !(awaited ??= [.. floor.Pickers.FindAll().Where(p => p.Id != picker.Id && p.AwaitingDecision is not null).Select(p => p.AwaitingDecision!.TaskId)]).Contains(task.Id);
        var candidate = byTheAgent ?? (board.ReleaseOrder
            ? InReleaseOrder(floor, ForAPerson)
            : FromPlan(floor, picker, ForAPerson, plan) ?? ByRule(floor, picker, ForAPerson, plan, RuleReason(plan)));
        if (candidate is null)
        {
            return AssignOutcome.NoWork;
        }

        if (gate is null)
        {
            return new AssignOutcome(Apply(floor, picker, candidate, now), null);
        }

        if (candidate.Method == "model" && NextTaskDecision.Unsure(floor, gate, candidate) is { } unsure)
        {
            // The rule's pick among work the agent may hand out itself, like the model's was; only a picker not
            // already waiting for a person may be given a decision that needs one.
            candidate = ByRule(floor, picker, HandedOutByTheAgent, plan, unsure)
                ?? (waiting is null ? ByRule(floor, picker, ForAPerson, plan, unsure) : null)
                ?? candidate;
        }

        var verdict = gate.Decide(floor.Database, NextTaskDecision.Propose(picker, candidate, trigger));
        if (verdict.Kind == VerdictKind.Execute)
        {
            var stillOpen = waiting is null ? null : picker.AwaitingDecision;
            var assigned = Apply(floor, picker, candidate with { DecisionSeq = verdict.DecisionSeq }, now);
            picker.AwaitingDecision = stillOpen;
            return new AssignOutcome(assigned, null);
        }

        var task = candidate.Task;
        picker.AwaitingDecision = new PendingAssignment
        {
            DecisionSeq = verdict.DecisionSeq,
            Zone = task.Zone,
            TaskId = task.Id,
            Location = task.Location,
            Approval = verdict.Kind == VerdictKind.AwaitApproval,
        };
        return new AssignOutcome(null, NextTaskDecision.WaitText(picker.AwaitingDecision));
    }

    /// <summary>Puts a picker's unfinished task, and the next one a person decided for them, back in the pool (logout, or a picker moved away).</summary>
    public static void Release(FloorCollections floor, PickerSession picker)
    {
        ArgumentNullException.ThrowIfNull(floor);
        ArgumentNullException.ThrowIfNull(picker);
        foreach (var taskId in new[] { picker.CurrentTaskId, picker.AwaitingDecision?.DecidedBy is null ? null : picker.AwaitingDecision.TaskId })
        {
            if (taskId is not null && floor.Tasks.FindById(taskId) is { Status: PickTaskStatus.Assigned } task && task.AssignedTo == picker.Id)
            {
                task.MoveTo(null);
                floor.SaveTask(task);
            }
        }

        picker.CurrentTaskId = null;
        picker.AwaitingDecision = null;
        picker.Step = PickStep.GoToLocation;
    }

    /// <summary>
    /// The task a person decided as this picker's next while they were busy, now made their current one; null when there
    /// is none, or it is no longer theirs (a supervisor or the reassign watch moved it), and then they decide afresh.
    /// </summary>
    private static PickTask? DecidedNext(FloorCollections floor, PickerSession picker, DateTime now)
    {
        if (picker.AwaitingDecision is not { DecidedBy: not null } decided)
        {
            return null;
        }

        picker.AwaitingDecision = null;
        if (floor.Tasks.FindById(decided.TaskId) is not { Status: PickTaskStatus.Assigned } task || task.AssignedTo != picker.Id)
        {
            return null;
        }

        // Its pick starts now, not when it was decided.
        task.AssignedAt = now;
        floor.SaveTask(task);
        picker.CurrentTaskId = task.Id;
        picker.Step = PickStep.GoToLocation;
        return task;
    }

    /// <summary>The wait prompt while the picker's last next-task decision still needs a person; null when it no longer does.</summary>
    private string? StillWaiting(FloorCollections floor, PickerSession picker)
    {
        if (picker.AwaitingDecision is not { } pending)
        {
            return null;
        }

        var stillNeeded = pending.Approval
            ? new GovernanceCollections(floor.Database).Approvals.FindById(pending.DecisionSeq) is { Status: ApprovalStatus.Pending }
            : gate!.Preview(floor.Database, ActionTypes.TaskAssign, new ScopeFacts { Zone = pending.Zone }, 1.0) == VerdictKind.RecommendOnly;
        if (stillNeeded && floor.Tasks.FindById(pending.TaskId) is { Status: PickTaskStatus.Open })
        {
            return NextTaskDecision.WaitText(pending);
        }

        // Rejected, timed out, automation resumed, or the task went to someone else (an approval for another
        // picker, a supervisor's hand): decide afresh.
        picker.AwaitingDecision = null;
        return null;
    }

    private static Assignment Apply(FloorCollections floor, PickerSession picker, Assignment assignment, DateTime now)
    {
        var task = assignment.Task;
        task.Status = PickTaskStatus.Assigned;
        task.AssignedTo = picker.Id;
        task.AssignedAt = now;
        task.PredictedSeconds = assignment.PredictedSeconds;
        task.LateRisk = assignment.Method == "model" ? assignment.Planned?.LateRisk : null;
        floor.SaveTask(task);
        picker.CurrentTaskId = task.Id;
        picker.AwaitingDecision = null;
        picker.Step = PickStep.GoToLocation;
        return assignment;
    }

    private static Assignment? FromPlan(FloorCollections floor, PickerSession picker, Func<PickTask, bool> eligible, PickPlan plan)
    {
        if (!plan.ByPicker.TryGetValue(picker.Id, out var queue))
        {
            return null;
        }

        foreach (var planned in queue)
        {
            if (floor.Tasks.FindById(planned.TaskId) is { Status: PickTaskStatus.Open } task && eligible(task))
            {
                return plan.Method == "model"
                    ? new Assignment(task, "model", planned.Confidence, planned, plan, null)
                    : new Assignment(task, "rule", 1.0, null, plan, plan.FallbackReason);
            }
        }

        return null;
    }

    /// <summary>
    /// The earliest-cut-off open tasks this picker may take, from the plan's sorted backlog: each is looked
    /// up by id (cheap) and checked, and the walk stops past the equally-urgent window of the first task not
    /// planned for someone else (or, when every one is, of the first at all). Null when the backlog cannot
    /// answer: no plan yet, or a long walk that found nothing (work released since the plan, say).
    /// </summary>
    private static List<PickTask>? FromPlannedBacklog(FloorCollections floor, PickerSession picker, Func<PickTask, bool> eligible, PickPlan plan)
    {
        var free = new List<PickTask>();
        var taken = new List<PickTask>();
        var looked = 0;
        foreach (var id in plan.OpenByCutOff)
        {
            if (++looked > MaxBacklogLookups && free.Count == 0 && taken.Count == 0)
            {
                return null;
            }

            if (floor.Tasks.FindById(id) is not { Status: PickTaskStatus.Open } task || !eligible(task))
            {
                continue;
            }

            if (free.Count > 0 && (free.Count >= RuleCandidates || task.DueAt > free[0].DueAt + CutOffWindow))
            {
                break;
            }

            var mine = !plan.PlannedFor.TryGetValue(task.Id, out var holder) || holder == picker.Id;
            (mine ? free : taken).Add(task);
        }

        if (free.Count > 0)
        {
            return free;
        }

        return taken.Count > 0 ? [.. taken.Where(t => t.DueAt <= taken[0].DueAt + CutOffWindow).Take(RuleCandidates)]
            : plan.OpenByCutOff.Count > 0 ? [] : null;
    }

    /// <summary>The static policy: the oldest release first (then task id), whatever the cut-off or the walk.</summary>
    private static Assignment? InReleaseOrder(FloorCollections floor, Func<PickTask, bool> eligible)
    {
        // The whole open pool in release order (then task id): the first this picker may take.
        var task = OpenPool(floor, nameof(PickTask.ReleasedAt), t => t.ReleasedAt).FirstWhere(eligible);
        return task is null ? null : new Assignment(task, "rule", 1.0, null, PickPlan.Empty, "static policy: release order");
    }

    /// <summary>
    /// The first <see cref="RuleCandidates"/> open tasks by <paramref name="keyOf"/>, then by task id (a floor with
    /// fewer open tasks gets them all). The open pool is read through the status index and sorted here: LiteDB
    /// returns tasks of equal key in the order it finds them in its pages, which follows how the writes that made
    /// them were grouped, so a cut through a tie must be broken by id to hand out the same work for the same floor;
    /// and LiteDB's own ORDER BY allocates fresh sort buffers on every query (in a profile at 100 pickers, 6 % of all
    /// CPU went to clearing them, and the background GC followed).
    /// <para>
    /// The sorted pool is kept for the rest of the store write (<see cref="FloorCollections.OpenWindow"/>): a refresh
    /// round asks once per idle picker, and the answers stay exact as tasks are handed out, since a task leaving the
    /// open pool leaves the window too.
    /// </para>
    /// </summary>
    internal static List<PickTask> FirstOpen(FloorCollections floor, string order, Func<PickTask, DateTime> keyOf) =>
        OpenPool(floor, order, keyOf).First();

    private static OpenTaskWindow OpenPool(FloorCollections floor, string order, Func<PickTask, DateTime> keyOf)
    {
        if (floor.OpenWindow(order) is { } kept)
        {
            return kept;
        }

        var window = new OpenTaskWindow([.. floor.Tasks.Find(t => t.Status == PickTaskStatus.Open).OrderBy(keyOf).ThenBy(t => t.Id, StringComparer.Ordinal)], RuleCandidates);
        floor.KeepOpenWindow(order, window);
        return window;
    }

    private static string RuleReason(PickPlan plan) =>
        plan.Seq == 0 ? "no plan yet" : "the plan had no open task for this picker";

    private static Assignment? ByRule(FloorCollections floor, PickerSession picker, Func<PickTask, bool> eligible, PickPlan plan, string reason)
    {
        // Without the plan's sorted backlog, sort it here: it costs a read of every open task.
        var candidates = FromPlannedBacklog(floor, picker, eligible, plan)
            ?? FirstOpen(floor, nameof(PickTask.DueAt), t => t.DueAt)
                .Where(eligible)
                .ToList();

        // Leave work the plan lined up for someone else, unless nothing else is left.
        var free = candidates.Where(t => !plan.PlannedFor.TryGetValue(t.Id, out var holder) || holder == picker.Id).ToList();
        var pool = free.Count > 0 ? free : candidates;
        if (pool.Count == 0)
        {
            return null;
        }

        var from = Layout.Locate(picker.Position) ?? WarehouseLayout.Depot;
        var urgent = pool[0].DueAt + CutOffWindow;
        var task = pool
            .Where(t => t.DueAt <= urgent)
            .OrderBy(t => Layout.Locate(t.Location) is { } bin ? Layout.Distance(from, bin) : double.MaxValue)
            .ThenBy(t => t.DueAt)
            .ThenBy(t => t.Id, StringComparer.Ordinal)
            .First();
        return new Assignment(task, "rule", 1.0, null, plan, reason);
    }
}
