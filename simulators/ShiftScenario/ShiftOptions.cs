using System.Globalization;
using EdgeAgent.Planning;

namespace EdgeAgent.ShiftScenario;

/// <summary>The command line: which scenarios, which policies, where the report goes, full or quick.</summary>
internal sealed record ShiftOptions
{
    public const string Usage = "usage: ShiftScenario [--scenario normal|bad-day|all|<file>] [--policy static|rules|models|all] [--out REPORT.md] [--quick] [--parallel] [--pickers N] [--hours H]";

    public IReadOnlyList<string> Scenarios { get; init; } = ["normal", "bad-day"];

    public IReadOnlyList<PlanningPolicy> Policies { get; init; } = [PlanningPolicy.Static, PlanningPolicy.Rules, PlanningPolicy.Models];

    public string Out { get; init; } = "simulators/REPORT.md";

    public bool Quick { get; init; }

    /// <summary>Runs every (scenario, policy) pair at once, each with its own agent; the figures do not depend on it.</summary>
    public bool Parallel { get; init; }

    /// <summary>A medium form between quick and full: overrides the scenario's pickers and shift length.</summary>
    public int? Pickers { get; init; }

    public double? Hours { get; init; }

    /// <summary>The arguments as given, for the report's header.</summary>
    public string CommandLine { get; init; } = "";

    public static ShiftOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var o = new ShiftOptions { CommandLine = string.Join(' ', args) };
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--scenario" => o with { Scenarios = Value() is var s && s == "all" ? ["normal", "bad-day"] : [s] },
                "--policy" => o with { Policies = Value() is var p && p == "all" ? o.Policies : [Policy(p)] },
                "--out" => o with { Out = Value() },
                "--quick" => o with { Quick = true },
                "--parallel" => o with { Parallel = true },
                "--pickers" => o with { Pickers = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--hours" => o with { Hours = double.Parse(Value(), CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unknown argument '{args[i]}'"),
            };
        }

        return o;
    }

    private static PlanningPolicy Policy(string name) =>
        Enum.TryParse<PlanningPolicy>(name, ignoreCase: true, out var p) && !int.TryParse(name, out _)
            ? p
            : throw new ArgumentException($"--policy '{name}' is not static, rules, models or all");
}
