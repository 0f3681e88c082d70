using System.Globalization;

namespace ChaosRunner;

/// <summary>Command line: <c>[--quick] [--seed N] [--duration SECONDS] [--handhelds N] [--fault Kind=N]... [--work-dir DIR] [--keep]</c>.</summary>
internal sealed record ChaosOptions
{
    public int Seed { get; init; } = 1;

    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    public int Handhelds { get; init; } = 4;

    /// <summary>Fixed conveyor scanners publishing carton reads.</summary>
    public int Scanners { get; init; } = 2;

    /// <summary>IO-Link masters, each with two photo-eyes, publishing their edges.</summary>
    public int Masters { get; init; } = 2;

    public bool Quick { get; init; }

    /// <summary>
    /// <c>--broker embedded</c> (default): the agent's own MQTTnet broker, which dies with the agent; <c>--broker
    /// mosquitto</c>: an external Mosquitto the runner starts, and the agent configured against it.
    /// </summary>
    public bool ExternalBroker { get; init; }

    public string? WorkDirectory { get; init; }

    public bool Keep { get; init; }

    public IReadOnlyDictionary<FaultKind, int> Faults { get; init; } = new Dictionary<FaultKind, int>();

    /// <summary><c>--fault Kind=N</c> (repeatable): N faults of that kind instead of the form's default count.</summary>
    public IReadOnlyList<(FaultKind Kind, int Count)> FaultOverrides { get; init; } = [];

    private static (FaultKind, int) ParseFault(string text) =>
        text.Split('=') is [var kind, var count] && Enum.TryParse<FaultKind>(kind, ignoreCase: true, out var k) && int.TryParse(count, CultureInfo.InvariantCulture, out var n) && n >= 0
            ? (k, n)
            : throw new FormatException($"--fault wants Kind=N with Kind one of {string.Join(", ", Enum.GetNames<FaultKind>())}, not '{text}'");

    /// <summary>The quick form's load: about a minute, so the whole run (start-ups and the final drain included) stays near 90 s.</summary>
    public static readonly TimeSpan QuickDuration = TimeSpan.FromSeconds(60);

    public static ChaosOptions? Parse(string[] args, TextWriter error)
    {
        var options = new ChaosOptions();
        bool quick = args.Contains("--quick");
        options = quick ? options with { Quick = true, Duration = QuickDuration } : options;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
            try
            {
                options = args[i] switch
                {
                    "--quick" => options,
                    "--keep" => options with { Keep = true },
                    "--seed" => options with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--duration" => options with { Duration = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
                    "--handhelds" => options with { Handhelds = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--scanners" => options with { Scanners = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--masters" => options with { Masters = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--work-dir" => options with { WorkDirectory = Value() },
                    "--broker" => Value() switch
                    {
                        "embedded" => options with { ExternalBroker = false },
                        "mosquitto" => options with { ExternalBroker = true },
                        var other => throw new FormatException($"--broker wants embedded or mosquitto, not '{other}'"),
                    },
                    "--fault" => options with { FaultOverrides = [.. options.FaultOverrides, ParseFault(Value())] },
                    _ => throw new FormatException($"unknown argument {args[i]}"),
                };
            }
            catch (FormatException e)
            {
                error.WriteLine(e.Message);
                return null;
            }
        }

        if (options.Duration < TimeSpan.FromSeconds(30) || options.Handhelds is < 1 or > 50 || options.Scanners is < 0 or > 20 || options.Masters is < 0 or > 20)
        {
            error.WriteLine("--duration must be at least 30 seconds, --handhelds 1 to 50, --scanners and --masters 0 to 20");
            return null;
        }

        // The quick form: one fault of each kind with short holds (FaultPlan): three SIGKILLs of the agent (the kill, the
        // embedded broker's restart, the store damage) besides the squeezes' restarts. Faults that take the agent run one
        // after another, each waiting for the agent to be ready, so each one more costs a start-up. The full form scales them with the duration (per minute: three agent
        // kills, about one of each other kind, a broker restart and a disk squeeze every five minutes).
        int perKind = quick ? 0 : Math.Max(1, (int)Math.Round(options.Duration.TotalMinutes));
        var faults = quick
            ? new Dictionary<FaultKind, int>
            {
                [FaultKind.AgentKill] = 1,
                [FaultKind.IngressKill] = 1,
                [FaultKind.WanDrop] = 1,
                [FaultKind.WanStall] = 1,
                [FaultKind.QuotaSqueeze] = 1,
                [FaultKind.BrokerRestart] = 1,
                [FaultKind.DiskSqueeze] = 1,
                [FaultKind.PrinterFail] = 1,
                [FaultKind.StoreDamage] = 1,
            }
            : new Dictionary<FaultKind, int>
            {
                [FaultKind.AgentKill] = 3 * perKind,
                [FaultKind.IngressKill] = perKind,
                [FaultKind.WanDrop] = perKind,
                [FaultKind.WanStall] = perKind,
                [FaultKind.QuotaSqueeze] = Math.Max(1, perKind / 2),
                [FaultKind.BrokerRestart] = Math.Max(1, perKind / 5),
                [FaultKind.DiskSqueeze] = Math.Max(1, perKind / 5),
                [FaultKind.PrinterFail] = Math.Max(1, perKind / 2),
                [FaultKind.StoreDamage] = Math.Max(1, perKind / 5),
                // Not in the quick form: each costs two agent starts (the refusal, the recovery) in CI's minute.
                [FaultKind.StoreTruncate] = Math.Max(1, perKind / 10),
            };
        foreach (var (kind, count) in options.FaultOverrides)
        {
            faults[kind] = count;
        }

        return options with { Faults = faults };
    }
}
