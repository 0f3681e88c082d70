using System.Globalization;
using EdgeAgent.Simulators.Sensors;

namespace SensorRig;

/// <summary>The command line: a conveyor scenario, how to play it, and where (if anywhere) to publish it.</summary>
internal sealed record RigArguments(ConveyorScenario Scenario, bool RealTime, string? Broker, string Site, string MasterId)
{
    public const string Usage = """
        SensorRig: plays a conveyor scenario on a simulated GPIO chip and prints every edge.

          --cartons N          cartons to send (default 5)
          --speed M_PER_S      belt speed (default 1.5)
          --length M           carton length (default 0.4)
          --gap M              gap between cartons (default 0.3)
          --eyes 3,4,5         photo-eye pins in belt order (default 3)
          --spacing M          distance between eyes (default 1.0)
          --jam-carton K       carton K (0-based) jams on the first eye
          --jam-seconds S      how long it stays jammed (default 8)
          --bounce N           chatter pulses before each clean edge (default 0)
          --door-pin P         add a dock door on pin P
          --door-open-seconds S  how long the door stays open (default 30)
          --realtime           play at wall-clock speed instead of printing at once
          --broker HOST:PORT   also publish clean edges as IO-Link JSON over MQTT
          --site ID            site id in the topic (default site1)
          --master ID          IO-Link master id in the topic (default rig-master)
        """;

    public static RigArguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var realTime = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--realtime")
            {
                realTime = true;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                values[args[i][2..]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }
        }

        var scenario = new ConveyorScenario
        {
            Cartons = Int(values, "cartons", 5),
            BeltSpeedMetersPerSecond = Number(values, "speed", 1.5),
            CartonLengthMeters = Number(values, "length", 0.4),
            GapMeters = Number(values, "gap", 0.3),
            EyePins = values.TryGetValue("eyes", out var eyes)
                ? [.. eyes.Split(',').Select(e => int.Parse(e, CultureInfo.InvariantCulture))]
                : [3],
            EyeSpacingMeters = Number(values, "spacing", 1.0),
            JamCarton = values.ContainsKey("jam-carton") ? Int(values, "jam-carton", 0) : null,
            JamDuration = TimeSpan.FromSeconds(Number(values, "jam-seconds", 8)),
            BouncePulses = Int(values, "bounce", 0),
            DoorPin = values.ContainsKey("door-pin") ? Int(values, "door-pin", 0) : null,
            DoorOpenFor = TimeSpan.FromSeconds(Number(values, "door-open-seconds", 30)),
        };
        return new RigArguments(
            scenario,
            realTime,
            values.GetValueOrDefault("broker"),
            values.GetValueOrDefault("site", "site1"),
            values.GetValueOrDefault("master", "rig-master"));
    }

    private static int Int(Dictionary<string, string> values, string key, int fallback) =>
        values.TryGetValue(key, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    private static double Number(Dictionary<string, string> values, string key, double fallback) =>
        values.TryGetValue(key, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
