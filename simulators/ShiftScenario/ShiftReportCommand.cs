using System.Globalization;
using EdgeAgent.ShiftScenario.Report;
using EdgeAgent.ShiftScenario.Running;
using EdgeAgent.ShiftScenario.Scenario;
using EdgeAgent.ShiftScenario.Truth;

namespace EdgeAgent.ShiftScenario;

/// <summary>Runs every scenario under every policy, then writes the Markdown report and its charts.</summary>
internal static class ShiftReportCommand
{
    public static async Task<string> RunAsync(ShiftOptions options, TextWriter progress, CancellationToken ct)
    {
        var outPath = Path.GetFullPath(options.Out);
        var outDir = Path.GetDirectoryName(outPath)!;
        Directory.CreateDirectory(outDir);
        var agentLog = Path.ChangeExtension(outPath, ".agent.log");
        var runs = new List<ScenarioRun>();
        await using (var log = new StreamWriter(agentLog, append: false))
        {
            Console.SetOut(log);
            try
            {
                var shifts = options.Scenarios.Select(name => Shape(ScenarioLoader.Load(name), options)).Select(s => (Scenario: s, Truth: new ShiftTruth(s))).ToList();
                var jobs = shifts.SelectMany(s => options.Policies.Select(p => (s.Scenario, s.Truth, Policy: p))).ToList();
                var results = new PolicyResult[jobs.Count];
                if (options.Parallel)
                {
                    // Each run has its own agent, store, broker and clock; on a busy machine they mostly wait on one another's I/O.
                    results = await ParallelRuns.RunAsync(
                        jobs.Select(job => ($"{job.Scenario.Name}: {job.Policy}", (Func<CancellationToken, Task<PolicyResult>>)(t => RunOneAsync(job.Scenario, job.Truth, job.Policy, progress, t)))).ToList(),
                        progress,
                        ct);
                }
                else
                {
                    for (var i = 0; i < jobs.Count; i++)
                    {
                        results[i] = await RunOneAsync(jobs[i].Scenario, jobs[i].Truth, jobs[i].Policy, progress, ct);
                    }
                }

                runs.AddRange(shifts.Select((s, i) => new ScenarioRun(s.Scenario, s.Truth, results.Skip(i * options.Policies.Count).Take(options.Policies.Count).ToList())));
            }
            finally
            {
                Console.SetOut(progress);
            }
        }

        var form = options.Quick ? "quick" : options.Pickers is not null || options.Hours is not null ? "medium" : "full";
        await File.WriteAllTextAsync(outPath, ShiftReport.Write(runs, form, options.CommandLine, Path.GetFileNameWithoutExtension(outPath), outDir), ct);
        return outPath;
    }

    private static async Task<PolicyResult> RunOneAsync(ShiftScenarioFile scenario, ShiftTruth truth, Planning.PlanningPolicy policy, TextWriter progress, CancellationToken ct)
    {
        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{scenario.Name}: {policy}, {truth.Pickers.Count} pickers, {scenario.ShiftHours} h, {truth.Orders.Sum(o => o.Lines.Count)} lines"));
        await using var runner = new ShiftRunner(truth, policy, progress);
        var result = await runner.RunAsync(ct);
        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{scenario.Name}: {policy} done in {result.WallSeconds:0} s: {result.LinesDone} lines, on time {ShiftReport.OnTime(result.Orders):P1}"));
        return result;
    }

    private static ShiftScenarioFile Shape(ShiftScenarioFile scenario, ShiftOptions options)
    {
        if (options.Quick)
        {
            return ScenarioLoader.Compress(scenario);
        }

        if (options.Pickers is null && options.Hours is null)
        {
            return scenario;
        }

        return ScenarioLoader.Compress(scenario with
        {
            Quick = new QuickForm { Pickers = options.Pickers ?? scenario.Workforce.Pickers, ShiftHours = options.Hours ?? scenario.ShiftHours },
        });
    }
}

/// <summary>One scenario played under each policy.</summary>
internal sealed record ScenarioRun(ShiftScenarioFile Scenario, ShiftTruth Truth, IReadOnlyList<PolicyResult> Results);
