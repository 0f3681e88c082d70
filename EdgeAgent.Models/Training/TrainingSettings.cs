namespace EdgeAgent.Models.Training;

/// <summary>Everything that decides the shipped models' bytes; change a value and the models change with it.</summary>
public sealed record TrainingSettings
{
    /// <summary>The version written into both manifests; bump it when the floor truth, features or settings change.</summary>
    public string Version { get; init; } = "1.0.0";

    public int Seed { get; init; } = 20240605;

    public int TrainingRows { get; init; } = 16_000;

    public int ValidationRows { get; init; } = 4_000;

    public int CheckRows { get; init; } = 20;

    public int Trees { get; init; } = 120;

    public int Leaves { get; init; } = 24;

    public int MinimumRowsPerLeaf { get; init; } = 20;

    public double LearningRate { get; init; } = 0.15;

    /// <summary>
    /// Multiplies every pick's actual seconds before training (1 for the shipped model): makes the models of a
    /// slower or faster floor, e.g. the test fixtures of a model update that must win or lose its shadow trial.
    /// </summary>
    public double PickSecondsScale { get; init; } = 1;
}
