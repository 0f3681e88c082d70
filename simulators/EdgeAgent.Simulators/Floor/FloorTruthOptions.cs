using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.Simulators.Floor;

/// <summary>The shape of the simulated floor and how noisy it is; the shift knobs make a drifted floor for drift tests.</summary>
public sealed class FloorTruthOptions
{
    public int Seed { get; init; } = 1;

    /// <summary>Aisles A, B, … Default 8.</summary>
    [Range(1, 26)]
    public int Aisles { get; init; } = 8;

    /// <summary>Bays per aisle, numbered from 1. Default 40.</summary>
    [Range(1, 99)]
    public int BaysPerAisle { get; init; } = 40;

    /// <summary>Shelf levels, numbered from 1. Default 4.</summary>
    [Range(1, 9)]
    public int Levels { get; init; } = 4;

    /// <summary>Metres between aisle centre lines. Default 3.</summary>
    [Range(0.5, 20)]
    public double AisleSpacing { get; init; } = 3.0;

    /// <summary>Metres between neighbouring bays. Default 1.5.</summary>
    [Range(0.5, 10)]
    public double BayDepth { get; init; } = 1.5;

    /// <summary>Standard deviation of the log-normal noise on a pick's duration. Default 0.18.</summary>
    [Range(0, 2)]
    public double DurationNoise { get; init; } = 0.18;

    /// <summary>Standard deviation of the log-normal noise on an order's finish time. Default 0.25.</summary>
    [Range(0, 2)]
    public double FinishNoise { get; init; } = 0.25;

    /// <summary>Share of orders whose outcome flips for reasons nobody recorded (a carrier leaves early). Default 0.02.</summary>
    [Range(0, 1)]
    public double OutcomeFlipRate { get; init; } = 0.02;

    /// <summary>Multiplies every pick's duration: 1.4 is a floor that got 40% slower. Default 1.</summary>
    [Range(0.1, 10)]
    public double DurationShift { get; init; } = 1.0;

    /// <summary>Multiplies every order's finish time: above 1 more orders ship late. Default 1.</summary>
    [Range(0.1, 10)]
    public double FinishShift { get; init; } = 1.0;
}
