namespace EdgeAgent.Simulators.Sensors;

/// <summary>Turns a <see cref="ConveyorScenario"/> into the timed pin levels its sensors would produce.</summary>
public static class ConveyorScript
{
    public static IReadOnlyList<RigStep> Build(ConveyorScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scenario.BeltSpeedMetersPerSecond);
        var steps = new List<RigStep>();
        var eyeTravel = TimeSpan.FromSeconds(scenario.EyeSpacingMeters / scenario.BeltSpeedMetersPerSecond);
        var pitch = scenario.BlockedTime + scenario.GapTime;
        var delay = TimeSpan.Zero;

        for (var carton = 0; carton < scenario.Cartons; carton++)
        {
            var arrives = scenario.LeadIn + (pitch * carton) + delay;
            var jam = scenario.JamCarton == carton ? scenario.JamDuration : TimeSpan.Zero;
            for (var eye = 0; eye < scenario.EyePins.Count; eye++)
            {
                // The jam holds the carton on the first eye; everything behind it, and its own later eyes, shift.
                var blockedAt = arrives + (eyeTravel * eye) + (eye > 0 ? jam : TimeSpan.Zero);
                var blockedFor = scenario.BlockedTime + (eye == 0 ? jam : TimeSpan.Zero);
                AddEdge(steps, scenario, scenario.EyePins[eye], blockedAt, scenario.BlockedIsHigh);
                AddEdge(steps, scenario, scenario.EyePins[eye], blockedAt + blockedFor, !scenario.BlockedIsHigh);
            }

            delay += jam;
        }

        if (scenario.DoorPin is { } door)
        {
            AddEdge(steps, scenario, door, scenario.DoorOpensAt, true);
            AddEdge(steps, scenario, door, scenario.DoorOpensAt + scenario.DoorOpenFor, false);
        }

        return [.. steps.OrderBy(s => s.At)];
    }

    private static void AddEdge(List<RigStep> steps, ConveyorScenario scenario, int pin, TimeSpan at, bool high)
    {
        // Chatter: the contact touches the new level and falls back a few times before it holds.
        var chatterEdges = scenario.BouncePulses * 2;
        var chatterStart = at - (scenario.BounceSpacing * (chatterEdges + 1));
        for (var i = 0; i < chatterEdges; i++)
        {
            steps.Add(new RigStep(chatterStart + (scenario.BounceSpacing * (i + 1)), pin, i % 2 == 0 ? high : !high, IsBounce: true));
        }

        steps.Add(new RigStep(at, pin, high));
    }
}
