namespace EdgeAgent.Simulators.Sensors;

/// <summary>One level change the rig puts on a pin at <see cref="At"/> after the scenario starts; bounce steps are contact chatter, not a state the sensor reports.</summary>
public sealed record RigStep(TimeSpan At, int Pin, bool High, bool IsBounce = false);
