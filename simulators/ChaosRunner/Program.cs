using ChaosRunner;

// The chaos runner: the real agent, the real central ingress and the simulators on loopback, a steady mixed
// load, seeded faults, and one reconciled line at the end. See README.md in this folder.
var options = ChaosOptions.Parse(args, Console.Error);
if (options is null)
{
    Console.Error.WriteLine("usage: ChaosRunner [--quick] [--seed N] [--duration SECONDS] [--handhelds N] [--scanners N] [--masters N] [--broker embedded|mosquitto] [--fault Kind=N]... [--work-dir DIR] [--keep]");
    return 2;
}

var root = options.WorkDirectory ?? Directory.CreateTempSubdirectory("edgeagent-chaos-").FullName;
Directory.CreateDirectory(root);
// A loaded machine can take half a minute to start .NET, and agent kills take turns: leave room for them all.
using var stop = new CancellationTokenSource(options.Duration * 2 + TimeSpan.FromMinutes(10));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

await using var journal = new StreamWriter(Path.Combine(root, "journal.log")) { AutoFlush = true };
using var run = new ChaosRun(options, root, journal);
Verdict? verdict = null;
try
{
    var result = await run.RunAsync(stop.Token);
    verdict = Reconciler.Count(result, run.AgentData, run.CentralData, Console.Out);
    Console.WriteLine($"faults injected ({run.Injected.Count}): {string.Join(' ', run.Injected)}");
    Console.WriteLine("faults by kind: " + string.Join(' ', run.Injected.GroupBy(f => f[..f.IndexOf('@', StringComparison.Ordinal)]).Select(g => $"{g.Key}={g.Count()}")));
    Console.WriteLine($"agent restarts the runner made as systemd would ({run.Recoveries.Count}){(run.Recoveries.Count == 0 ? "" : ": " + string.Join("; ", run.Recoveries))}");
    Console.WriteLine(verdict);
    journal.WriteLine(verdict.ToString());
}
catch (Exception ex) when (ex is not OperationCanceledException)
{
    // Said before anything else is tried, so a failure while cleaning up cannot hide it.
    Console.Error.WriteLine($"The chaos run stopped with an error before its verdict: {ex}");
    journal.WriteLine($"error: {ex}");
}
finally
{
    // The tmpfs of the disk squeeze goes away with the run; a run kept for inspection keeps a copy of the store.
    if (run.Disk is { Mounted: true } disk)
    {
        if (options.Keep || verdict is not { Passed: true })
        {
            CopyDirectory(run.AgentData, Path.Combine(root, "agent-store"));
        }

        await run.StopChildrenAsync();
        await disk.UnmountAsync();
    }
}

if (!options.Keep && verdict is { Passed: true })
{
    Directory.Delete(root, recursive: true);
}
else
{
    Console.WriteLine($"kept for inspection: {root} (journal.log, agent.log, ingress.log, the stores)");
}

return verdict is { Passed: true } ? 0 : 1;

static void CopyDirectory(string from, string to)
{
    if (!Directory.Exists(from))
    {
        return;
    }

    Directory.CreateDirectory(to);
    foreach (var file in Directory.EnumerateFiles(from))
    {
        try
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
        catch (IOException ex)
        {
            // A file a still-running agent holds (its lock) is left; the rest is what inspection needs.
            Console.Error.WriteLine($"not copied for inspection: {file} ({ex.Message})");
        }
    }
}
