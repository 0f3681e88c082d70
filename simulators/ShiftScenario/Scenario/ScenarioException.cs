namespace EdgeAgent.ShiftScenario.Scenario;

/// <summary>A scenario file that cannot be played, with every reason.</summary>
public sealed class ScenarioException(string message) : Exception(message);
