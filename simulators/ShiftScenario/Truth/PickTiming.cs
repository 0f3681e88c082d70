namespace EdgeAgent.ShiftScenario.Truth;

/// <summary>How a pick really went: metres walked, time to get there, time at the face.</summary>
public sealed record PickTiming(double Metres, TimeSpan Travel, TimeSpan Handling);
