using ChaosRunner;

// The chaos runner: the real agent, the real central ingress and the simulators on loopback, a steady mixed
// load, seeded faults, and one reconciled line at the end. See README.md in this folder.
var options = ChaosOptions.Parse(args, Console.Error);
if (options is null)
{
    Console.Error.WriteLine("usage: ChaosRunner [--quick] [--seed N] [--duration SECONDS] [--handhelds N] [--work-dir DIR] [--keep]");
    return 2;
}

var root = options.WorkDirectory ?? Directory.CreateTempSubdirectory("edgeagent-chaos-").FullName;
Directory.CreateDirectory(root);
using var stop = new CancellationTokenSource(options.Duration + TimeSpan.FromMinutes(8));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

await using var journal = new StreamWriter(Path.Combine(root, "journal.log")) { AutoFlush = true };
using var run = new ChaosRun(options, root, journal);
var result = await run.RunAsync(stop.Token);
var verdict = Reconciler.Count(result, run.AgentData, run.CentralData, Console.Out);
Console.WriteLine($"faults injected ({run.Injected.Count}): {string.Join(' ', run.Injected)}");
Console.WriteLine(verdict);
journal.WriteLine(verdict.ToString());
if (!options.Keep && verdict.Passed)
{
    Directory.Delete(root, recursive: true);
}
else
{
    Console.WriteLine($"kept for inspection: {root} (journal.log, agent.log, ingress.log, the stores)");
}

return verdict.Passed ? 0 : 1;
