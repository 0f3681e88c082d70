namespace EdgeAgent.Drivers.Sensors;

/// <summary>What a <see cref="SensorBank"/> saw on its inputs since it started.</summary>
/// <param name="RawEdges">Edges before debouncing (callbacks, or level changes seen by polling).</param>
/// <param name="Changes">Debounced changes reported.</param>
/// <param name="ShortPulses">Settled windows that ended at the old level: pulses shorter than the debounce.</param>
/// <param name="BounceFloods">Bursts that reached the flood threshold within one unsettled window.</param>
public sealed record SensorBankCounters(long RawEdges, long Changes, long ShortPulses, long BounceFloods);
