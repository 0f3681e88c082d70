using EdgeAgent.Bench;
using EdgeAgent.Bench.ConsoleLive;
using EdgeAgent.Bench.Ingest;
using EdgeAgent.Bench.Rebalance;
using EdgeAgent.Bench.RoundTrip;
using EdgeAgent.Bench.Startup;
using EdgeAgent.Bench.Year;

// Usage: dotnet run -c Release --project bench/EdgeAgent.Bench -- [section ...] [--quick]
// No section runs them all. Each section replaces its own part of bench/RESULTS.md.
IBenchmark[] all = [new StoreBenchmark(), new RoundTripBenchmark(), new IngestBenchmark(), new StartupBenchmark(), new RebalanceBenchmark(), new ConsoleLiveBenchmark(), new YearBenchmark()];

var quick = args.Contains("--quick");
var names = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
var unknown = names.Except(all.Select(b => b.Name), StringComparer.OrdinalIgnoreCase).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"Unknown benchmark(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", all.Select(b => b.Name))}");
    return 2;
}

// bench/run sets BENCH_RESULTS so that .ci/run's quick run writes to a scratch file, not over the committed results.
var results = Environment.GetEnvironmentVariable("BENCH_RESULTS") is { Length: > 0 } target ? target : Path.Combine(FindBenchDirectory(), "RESULTS.md");

// Work files go next to the results, on the real disk: /tmp may be tmpfs, where fsync costs nothing.
var work = Path.Combine(FindBenchDirectory(), $".work-{Environment.ProcessId}");
try
{
    foreach (var benchmark in all.Where(b => names.Count == 0 || names.Contains(b.Name)))
    {
        Console.WriteLine($"== {benchmark.Name}{(quick ? " (quick)" : string.Empty)}");
        var body = await benchmark.RunAsync(new BenchSettings(quick, Path.Combine(work, benchmark.Name)));
        ResultsFile.WriteSection(results, benchmark.Name, body);
        Console.WriteLine($"written to {results}");
    }
}
finally
{
    if (Directory.Exists(work))
    {
        Directory.Delete(work, recursive: true);
    }
}

return 0;

static string FindBenchDirectory()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "EdgeAgent.slnx")))
        {
            return Path.Combine(dir.FullName, "bench");
        }
    }

    return Directory.GetCurrentDirectory();
}
