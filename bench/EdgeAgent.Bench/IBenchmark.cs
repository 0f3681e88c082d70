namespace EdgeAgent.Bench;

/// <summary>One section of bench/RESULTS.md, selected on the command line by its name.</summary>
internal interface IBenchmark
{
    string Name { get; }

    /// <summary>Runs the measurement and returns the section's markdown body.</summary>
    Task<string> RunAsync(BenchSettings settings);
}
