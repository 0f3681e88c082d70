using System.Diagnostics;
using System.Globalization;
using System.Text;
using EdgeAgent.Models.Rebalancing;
using EdgeAgent.Models.Scoring;

namespace EdgeAgent.Bench.Rebalance;

/// <summary>
/// Rebalance latency over incremental triggers on 200 pickers × 5,000 open tasks (model scoring included),
/// the cold first rebalance, and the horizon-1 objective beside OR-Tools' exact optimum of the same matrix.
/// </summary>
internal sealed class RebalanceBenchmark : IBenchmark
{
    private const int Seed = 42;

    /// <summary>The issue's five seeds: the detailed seed first, then four floors no one tuned for.</summary>
    private static readonly int[] Seeds = [Seed, 7, 1001, 2024, 31337];
    private const int PickerCount = 200;
    private const int TaskCount = 5_000;

    public string Name => "rebalance";

    public Task<string> RunAsync(BenchSettings settings)
    {
        var loadBefore = LoadAverage();
        var warmUp = settings.Quick ? 20 : 50;
        var measured = settings.Quick ? 150 : 400;
        var h3 = new RebalancerOptions { Horizon = 3 };
        var h1 = new RebalancerOptions { Horizon = 1 };
        // A throwaway run on another floor first: tiered JIT promotes hot methods only after ~30 calls and a
        // quiet 100 ms, so without it the first measured section would time partly unoptimised code.
        var jit = TriggerRun.Execute(Seed + 1, PickerCount, TaskCount, h3, warmUp: 150, measured: 0);
        var firstColdMs = jit.ColdMilliseconds;
        var run3 = TriggerRun.Execute(Seed, PickerCount, TaskCount, h3, warmUp, measured);
        Console.WriteLine($"horizon 3: cold {run3.ColdMilliseconds:F1} ms, p99 {Percentile.Of(run3.Samples.Select(s => s.Milliseconds), 99):F2} ms");
        var run1 = TriggerRun.Execute(Seed, PickerCount, TaskCount, h1, warmUp, measured);
        Console.WriteLine($"horizon 1: cold {run1.ColdMilliseconds:F1} ms, p99 {Percentile.Of(run1.Samples.Select(s => s.Milliseconds), 99):F2} ms");
        var coldRows = ColdRows(h3);

        var (pick, risk) = BenchModels.Create();
        var initial = InitialRequest();
        var layout = new BenchFloor(Seed).Layout;
        var optimumCold = OptimalAssignment.Solve(initial, layout, h1, pick, risk);
        var finalState = run1.LastRequest with { Disruptions = Disruptions.None };
        var optimumWarm = OptimalAssignment.Solve(finalState, layout, h1, pick, risk);

        // The same final state planned by a fresh instance: what the warm plan loses to its caches alone.
        var coldOnFinal = new Rebalancer(pick, risk, layout, h1).Rebalance(finalState, Timeout.InfiniteTimeSpan);
        Console.WriteLine($"optimum solved in {optimumCold.SolveTime.TotalMilliseconds:F0} ms over {optimumCold.Pairs:N0} pairs");

        var body = new StringBuilder();
        body.AppendLine("## rebalance: task rebalancer latency and objective vs OR-Tools' optimum").AppendLine();
        body.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{MachineInfo.Describe()}; {(settings.Quick ? "--quick" : "full")} run; seed {Seed}: {PickerCount} pickers, {TaskCount:N0} open tasks, 26 aisles × 40 bays × 4 levels, zones Z1–Z7 of four aisles (40 % of pickers restricted to two), skills hazmat/cold/heavy, priorities 1–5, cut-offs every 30 min over 5 h."));
        body.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Models: {BenchModels.Describe(pick, risk)}. Deadline {h3.Deadline.TotalMilliseconds} ms; first step: {h3.NearestCandidates} nearest + {h3.UrgentCandidates} most urgent candidates per picker + the urgent pool ({h3.UrgentPoolFactor} × pickers most exposed tasks, extended by those within {h3.UrgentBandSeconds} s of exposure of its last up to {h3.UrgentBandCap} × pickers, each offered to its {h3.PickersPerUrgentTask} nearest pickers); exact assignment per step (shortest augmenting paths) over those candidates; later steps: {h3.LaterStepNearest} nearest + {h3.UrgentCandidates} most urgent, kept from the last plan where still valid; stale-refresh budget {h3.StaleRefreshBudget} pick rows and {h3.RiskRefreshBudget ?? h3.StaleRefreshBudget} late-risk rows."));
        body.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Triggers: {warmUp} warm-up then {measured} timed, on a floor the bench moves like the host would: task done (a picker starts its first planned task, 70 %), release of 50 tasks (5 %), picker absent/back (10 %), order expedited to priority 1 (15 %); the clock moves 1–6 s per trigger. Latency = the `Rebalance` call, measured with a Stopwatch (wall) and with the calling thread's CPU clock (on-CPU: excludes time the scheduler gave to other processes on this shared machine), rule fallbacks included; the deadline itself is on wall time, so fallbacks follow the wall column.")).AppendLine();
        body.AppendLine(Invariant($"The machine is shared: 1-minute load average {loadBefore} at the start of this section and {LoadAverage()} at its end (2 cores); latencies scale with it, so compare rows of one run.")).AppendLine();
        body.AppendLine(Invariant($"JIT warm-up: a throwaway run of 150 triggers on floor seed {Seed + 1} precedes the measurements; the very first rebalance in the process (cold, JIT included) took **{firstColdMs:F1} ms**.")).AppendLine();
        AppendLatency(body, "3", run3, coldRows);
        AppendLatency(body, "1", run1, null);
        AppendObjective(body, run1, coldOnFinal, optimumCold, optimumWarm);
        AppendSeeds(body, settings.Quick, settings.Quick ? 10 : warmUp, settings.Quick ? 30 : measured, (run3, run1, optimumCold, optimumWarm));
        return Task.FromResult(body.ToString());
    }

    /// <summary>
    /// The target's table: on each of the five seeds, the default rebalancer's (horizon 3) p99 over the same
    /// triggers, and the horizon-1 objective beside OR-Tools' optimum on the initial floor (cold plan) and after the
    /// triggers (the warm plan the running rebalancer produced). Seed 42's rows reuse the runs above.
    /// </summary>
    private static void AppendSeeds(StringBuilder body, bool quick, int warmUp, int measured, (TriggerRun H3, TriggerRun H1, OptimalAssignment.Result Cold, OptimalAssignment.Result Warm) first)
    {
        var h3 = new RebalancerOptions { Horizon = 3 };
        var h1 = new RebalancerOptions { Horizon = 1 };
        var started = LoadAverage();
        var clock = Stopwatch.StartNew();
        body.AppendLine("### five seeds: the target (p99 < 10 ms and objective within 1 % on each)").AppendLine();
        body.AppendLine(Invariant($"Each seed is its own floor (same sizes and mix as above, different layout of tasks, pickers, zones and skills); on each, {warmUp} warm-up then {measured} timed triggers of the same kinds (seed 42 reuses the runs above, with their counts; a quick run times fewer triggers on the other seeds, so their p99 is their maximum, and solves their objective only in the full run: OR-Tools takes seconds per state). Latency is the default rebalancer's (horizon 3, 10 ms deadline; a trigger that overruns falls back to the rule and counts in the p99 with its wall time). Objective: J of the horizon-1 rebalancer's plan over J of OR-Tools' optimum of the same state and cost matrix, for the cold plan of the initial floor and for the warm plan after the same triggers (its caches carried over, as in the agent); within 1 % means a ratio ≤ 1.0100.")).AppendLine();
        body.AppendLine("| seed | timed triggers | h3 p50 ms | h3 p99 ms | h3 on-CPU p99 ms | h3 rule fallbacks | h1 p99 ms | J cold / optimum | J warm / optimum | warm excess / optimum's planned s | p99 < 10 ms | within 1 % (cold, warm) |");
        body.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        var (pick, risk) = BenchModels.Create();
        foreach (var seed in Seeds)
        {
            if (seed != Seed && quick)
            {
                // Quick: latency only on the extra seeds (OR-Tools' solves take seconds each); seed 42 has both.
                var only = TriggerRun.Execute(seed, PickerCount, TaskCount, h3, warmUp, measured);
                var ms = only.Samples.Select(x => x.Milliseconds).ToList();
                body.AppendLine(Invariant(
                    $"| {seed} | {ms.Count} | {Percentile.Of(ms, 50):F2} | {Percentile.Of(ms, 99):F2} | {Percentile.Of(only.Samples.Select(x => x.CpuMilliseconds), 99):F2} | {only.Samples.Count(x => x.Method == PlanMethod.RuleFallback)} of {ms.Count} | — | — | — | — | {(Percentile.Of(ms, 99) < 10 ? "yes" : "**no**")} | — (full run) |"));
                Console.WriteLine($"seed {seed}: h3 p99 {Percentile.Of(ms, 99):F2} ms");
                continue;
            }

            var (run3, run1, cold, warm) = seed == Seed
                ? first
                : SeedRuns(seed, warmUp, measured, h3, h1, pick, risk);
            var wall = run3.Samples.Select(x => x.Milliseconds).ToList();
            var p99 = Percentile.Of(wall, 99);
            var coldRatio = Objective(run1.Cold, cold) / cold.Objective;
            var warmOurs = Objective(run1.Last, warm);
            var warmRatio = warmOurs / warm.Objective;
            body.AppendLine(Invariant(
                $"| {seed} | {wall.Count} | {Percentile.Of(wall, 50):F2} | {p99:F2} | {Percentile.Of(run3.Samples.Select(x => x.CpuMilliseconds), 99):F2} | {run3.Samples.Count(x => x.Method == PlanMethod.RuleFallback)} of {wall.Count} | {Percentile.Of(run1.Samples.Select(x => x.Milliseconds), 99):F2} | {coldRatio:F4} | {warmRatio:F4} | {(warmOurs - warm.Objective) / warm.PlannedSeconds:P2} | {(p99 < 10 ? "yes" : "**no**")} | {(coldRatio <= 1.01 ? "yes" : "**no**")}, {(warmRatio <= 1.01 ? "yes" : "**no**")} |"));
            Console.WriteLine($"seed {seed}: h3 p99 {p99:F2} ms, J cold/opt {coldRatio:F4}, warm/opt {warmRatio:F4}");
        }

        body.AppendLine();
        body.AppendLine(Invariant($"Five seeds in {clock.Elapsed.TotalSeconds:F0} s; 1-minute load average {started} at their start, {LoadAverage()} at their end.")).AppendLine();
    }

    private static (TriggerRun H3, TriggerRun H1, OptimalAssignment.Result Cold, OptimalAssignment.Result Warm) SeedRuns(int seed, int warmUp, int measured, RebalancerOptions h3, RebalancerOptions h1, IPickDurationModel pick, ILateRiskModel risk)
    {
        var run3 = TriggerRun.Execute(seed, PickerCount, TaskCount, h3, warmUp, measured);
        var run1 = TriggerRun.Execute(seed, PickerCount, TaskCount, h1, warmUp, measured);
        var floor = new BenchFloor(seed);
        var initial = new FloorState(floor, floor.Pickers(PickerCount), floor.Release(TaskCount, BenchFloor.Start)).Request(RebalanceTrigger.Manual);
        var cold = OptimalAssignment.Solve(initial, floor.Layout, h1, pick, risk);
        var warm = OptimalAssignment.Solve(run1.LastRequest with { Disruptions = Disruptions.None }, floor.Layout, h1, pick, risk);
        return (run3, run1, cold, warm);
    }

    /// <summary>J of <paramref name="plan"/> under the optimum's cost matrix: planned seconds plus every task's exposure, less what it plans.</summary>
    private static double Objective(RebalancePlan plan, OptimalAssignment.Result optimum) =>
        plan.Pickers.SelectMany(p => p.Tasks.Select(t => optimum.Costs[(p.PickerId, t.TaskId)])).Sum() + optimum.TotalExposure;

    private static RebalanceRequest InitialRequest()
    {
        var floor = new BenchFloor(Seed);
        return new FloorState(floor, floor.Pickers(PickerCount), floor.Release(TaskCount, BenchFloor.Start)).Request(RebalanceTrigger.Manual);
    }

    /// <summary>A second cold rebalance on a fresh instance (JIT already warm), and one held to the 10 ms deadline.</summary>
    private static (double Ms, RebalancePlan Unbounded, RebalancePlan Bounded, double BoundedMs, double RuleMs) ColdRows(RebalancerOptions options)
    {
        var request = InitialRequest();
        var (pick, risk) = BenchModels.Create();
        var clock = Stopwatch.StartNew();
        var unbounded = new Rebalancer(pick, risk, new BenchFloor(Seed).Layout, options).Rebalance(request, Timeout.InfiniteTimeSpan);
        var ms = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var bounded = new Rebalancer(pick, risk, new BenchFloor(Seed).Layout, options).Rebalance(request);
        var boundedMs = clock.Elapsed.TotalMilliseconds;
        var rule = new Rebalancer(null, null, new BenchFloor(Seed).Layout, options);
        var ruleMs = Enumerable.Range(0, 21).Select(_ =>
        {
            clock.Restart();
            rule.Rebalance(request);
            return clock.Elapsed.TotalMilliseconds;
        }).ToList();
        return (ms, unbounded, bounded, boundedMs, Percentile.Of(ruleMs.Skip(1), 50));
    }

    private static void AppendLatency(StringBuilder body, string horizon, TriggerRun run, (double Ms, RebalancePlan Unbounded, RebalancePlan Bounded, double BoundedMs, double RuleMs)? cold)
    {
        var all = run.Samples.Select(s => s.Milliseconds).ToList();
        body.AppendLine(Invariant($"### horizon {horizon}")).AppendLine();
        body.AppendLine("| triggers | count | p50 ms | p99 ms | max ms | p99 / 10 ms | on-CPU p50 ms | on-CPU p99 ms | rule fallbacks | later steps cut | mean pick rows | mean risk rows | mean cache hits | mean stale rows used |");
        body.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in run.Samples.GroupBy(s => s.Trigger.ToString()).Prepend(run.Samples.GroupBy(_ => "all").First()))
        {
            var ms = group.Select(s => s.Milliseconds).ToList();
            var cpu = group.Select(s => s.CpuMilliseconds).ToList();
            body.AppendLine(Invariant(
                $"| {group.Key} | {ms.Count} | {Percentile.Of(ms, 50):F2} | {Percentile.Of(ms, 99):F2} | {ms.Max():F2} | {Percentile.Of(ms, 99) / 10:P0} | {Percentile.Of(cpu, 50):F2} | {Percentile.Of(cpu, 99):F2} | {group.Count(s => s.Method == PlanMethod.RuleFallback)} | {group.Count(s => s.LaterStepsCut)} | {group.Average(s => s.PickRows):F0} | {group.Average(s => s.RiskRows):F0} | {group.Average(s => s.CacheHits):F0} | {group.Average(s => s.StaleUsed):F0} |"));
        }

        body.AppendLine();
        var c = run.Cold.Counters;
        body.AppendLine(Invariant($"Cold (first rebalance on this floor, fresh instance, no deadline): **{run.ColdMilliseconds:F1} ms**, {c.PickRowsScored:N0} pick rows and {c.RiskRowsScored:N0} risk rows scored, {c.CandidatesConsidered:N0} candidates."));
        if (cold is { } k)
        {
            body.AppendLine(Invariant($"Cold on a fresh instance after JIT, no deadline: **{k.Ms:F1} ms** ({k.Unbounded.Counters.PickRowsScored:N0} pick rows). Cold held to the 10 ms deadline: {k.Bounded.Method} ({k.Bounded.FallbackReason}) in {k.BoundedMs:F1} ms — so the host's first call at start-up passes a longer deadline (`Rebalance(request, deadline)`), after which every trigger is warm. The rule plan alone (no model, the fallback's own cost) takes {k.RuleMs:F1} ms (median of 20) on this floor."));
        }

        body.AppendLine();
    }

    private static void AppendObjective(StringBuilder body, TriggerRun run1, RebalancePlan coldOnFinal, OptimalAssignment.Result cold, OptimalAssignment.Result warm)
    {
        body.AppendLine("### objective at horizon 1 vs OR-Tools (same run, same models, same cost matrix)").AppendLine();
        body.AppendLine("Objective J = Σ planned predicted seconds + Σ exposure of tasks left unplanned (README.md in EdgeAgent.Models/Rebalancing). OR-Tools `MinCostFlow.SolveMaxFlowWithMinCost` over every eligible (picker, task) pair gives the exact minimum among assignments that give every available picker a task when one is eligible (the rebalancer's rule too). J includes the exposure of all ~5,000 tasks, a large constant, so the excess is also given against the optimum's planned seconds.").AppendLine();
        body.AppendLine("| state | pairs in matrix | OR-Tools solve ms | pickers assigned (ours / optimum) | J ours | J optimum | ours / optimum | excess s | excess / optimum's planned seconds |");
        body.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        AppendObjectiveRow(body, "initial floor, cold rebalance", run1.Cold, cold);
        AppendObjectiveRow(body, "after the timed triggers, warm rebalance (caches carried over)", run1.Last, warm);
        AppendObjectiveRow(body, "after the timed triggers, cold rebalance of the same state (fresh instance)", coldOnFinal, warm);
        body.AppendLine();
    }

    private static void AppendObjectiveRow(StringBuilder body, string label, RebalancePlan plan, OptimalAssignment.Result optimum)
    {
        var steps = plan.Pickers.SelectMany(p => p.Tasks.Select(t => (p.PickerId, t.TaskId))).ToList();
        var ours = steps.Sum(s => optimum.Costs[(s.PickerId, s.TaskId)]) + optimum.TotalExposure;
        var excess = ours - optimum.Objective;
        body.AppendLine(Invariant(
            $"| {label} | {optimum.Pairs:N0} | {optimum.SolveTime.TotalMilliseconds:F0} | {steps.Count} / {optimum.Assigned} | {ours:N1} | {optimum.Objective:N1} | {ours / optimum.Objective:F4} | {excess:N1} | {excess / optimum.PlannedSeconds:P2} |"));
        Console.WriteLine($"{label}: ours {ours:F1} optimum {optimum.Objective:F1} excess {excess:F1} s ({excess / optimum.PlannedSeconds:P2} of planned seconds)");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
