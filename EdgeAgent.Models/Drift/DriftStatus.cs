namespace EdgeAgent.Models.Drift;

/// <summary>What the drift monitor knows now: the evidence per signal and whether decisions must use the rules.</summary>
public sealed record DriftStatus
{
    public required int PickSamples { get; init; }

    /// <summary>Relative bias of actual against predicted pick seconds; null until there are samples.</summary>
    public required double? PickDurationDrift { get; init; }

    public required int OrderSamples { get; init; }

    /// <summary>Late share minus mean predicted probability; null until there are samples.</summary>
    public required double? LateRiskDrift { get; init; }

    /// <summary>True from an alarm (when configured to switch) until a person re-enables the models.</summary>
    public required bool UseRuleFallback { get; init; }

    /// <summary>The alarm that latched the fallback, if it is latched.</summary>
    public required DriftAlarm? LatchedBy { get; init; }

    /// <summary>Who re-enabled the models last, and when; null if nobody has.</summary>
    public required (string By, DateTimeOffset At)? LastReenabled { get; init; }
}
