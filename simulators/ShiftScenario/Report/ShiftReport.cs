using System.Globalization;
using System.Text;
using EdgeAgent.ShiftScenario.Scenario;

namespace EdgeAgent.ShiftScenario.Report;

/// <summary>The report's arithmetic and its Markdown: one table per scenario, the charts, then what the numbers say.</summary>
internal static class ShiftReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly string[] Baselines = ["Static", "Rules"];

    /// <summary>Share of the judged orders that shipped by their real cut-off; null when none was due.</summary>
    public static double? OnTime(IReadOnlyCollection<OrderOutcome> orders) =>
        orders.Count == 0 ? null : (double)orders.Count(o => o.OnTime) / orders.Count;

    /// <summary>Share shipped on time and in full.</summary>
    public static double? OnTimeInFull(IReadOnlyCollection<OrderOutcome> orders) =>
        orders.Count == 0 ? null : (double)orders.Count(o => o.OnTime && o.InFull) / orders.Count;

    public static IReadOnlyDictionary<string, double?> OnTimeByTier(IReadOnlyCollection<OrderOutcome> orders) =>
        orders.GroupBy(o => o.Tier, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => OnTime(g.ToList()), StringComparer.Ordinal);

    /// <summary>Lines picked (short ones included: the picker went there) per hour a picker was on the floor.</summary>
    public static double? LinesPerPickerHour(PolicyResult r) => r.PickerHours <= 0 ? null : r.LinesDone / r.PickerHours;

    public static double? MetresPerLine(PolicyResult r) => r.LinesDone == 0 ? null : r.TravelMetres / r.LinesDone;

    /// <summary>Difference of two rates in percentage points; null when either is unknown.</summary>
    public static double? Points(double? a, double? b) => a is { } x && b is { } y ? (x - y) * 100 : null;

    public static string Write(IReadOnlyList<ScenarioRun> runs, string form, string command, string chartPrefix, string outDir)
    {
        var md = new StringBuilder();
        md.AppendLine("# Shift scenarios: static, rules and the agent on the same floor").AppendLine();
        md.AppendLine(Inv, $"Written by `dotnet run --project simulators/ShiftScenario -c Release -- {command}` ({form} form). ")
            .AppendLine("Every figure below comes from the seeded floor truth and the agent's own decisions; see *How to read this* at the end.")
            .AppendLine();
        foreach (var run in runs)
        {
            WriteScenario(md, run, chartPrefix, outDir);
        }

        md.Append(Notes);
        return md.ToString();
    }

    private static void WriteScenario(StringBuilder md, ScenarioRun run, string chartPrefix, string outDir)
    {
        var s = run.Scenario;
        md.AppendLine(Inv, $"## {s.Title} (`{s.Name}`)").AppendLine();
        md.AppendLine(Inv, $"Seed {s.Seed}; {run.Truth.Pickers.Count} pickers (median pace {s.Workforce.PaceMedian:0.00}, spread σ {s.Workforce.PaceSigma:0.00}); {s.ShiftHours:0.##} h; "
            + $"{run.Truth.Orders.Count} orders, {run.Truth.Orders.Sum(o => o.Lines.Count)} lines; {s.Layout.Aisles} aisles × {s.Layout.BaysPerAisle} bays × {s.Layout.Levels} levels.").AppendLine();
        if (s.Disruptions.Count > 0)
        {
            md.AppendLine("Disruptions: " + string.Join("; ", s.Disruptions.Select(Describe)) + ".").AppendLine();
        }

        var rows = new List<(string Name, Func<PolicyResult, string> Value)>
        {
            ("Orders judged (real cut-off inside the shift)", r => r.Orders.Count.ToString(Inv)),
            ("**On time to cut-off**", r => Pct(OnTime(r.Orders))),
        };
        foreach (var tier in run.Results.SelectMany(r => r.Orders).Select(o => o.Tier).Distinct().Order(StringComparer.Ordinal))
        {
            rows.Add(($"  on time, {tier}", r => Pct(OnTimeByTier(r.Orders).GetValueOrDefault(tier))));
        }

        var moved = run.Truth.Orders.Where(o => o.RealCutOff != o.CutOff).Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        if (moved.Count > 0)
        {
            rows.Add(("  on time, orders whose cut-off moved earlier", r => Pct(OnTime(r.Orders.Where(o => moved.Contains(o.Id)).ToList()))));
        }

        rows.AddRange(
        [
            ("On time and in full", r => Pct(OnTimeInFull(r.Orders))),
            ("ERP over the downlink: task releases / cut-off changes (lines the agent re-dated) / refused", r => $"{r.Agent.ErpTaskReleases} / {r.Agent.ErpCutOffChanges} ({r.Agent.LinesRedated}) / {r.Agent.ErpCommandsRejected}"),
            ("Lines picked / released", r => $"{r.LinesDone} / {r.LinesReleased}"),
            ("Short lines (empty faces)", r => r.ShortLines.ToString(Inv)),
            ("Travel, km (m per line)", r => $"{r.TravelMetres / 1000:0.0} ({MetresPerLine(r):0.0})"),
            ("Lines per picker-hour", r => Num(LinesPerPickerHour(r))),
            ("Picks stalled in the blocked aisle", r => r.StalledPicks.ToString(Inv)),
            ("Manual touches (agent KPI)", r => r.Agent.ManualTouches.ToString(Inv)),
            ("Touches avoided (automated decisions)", r => r.Agent.TouchesAvoided.ToString(Inv)),
            ("Supervisor acts via the API", r => string.Join(", ", r.Agent.SupervisorActs.Select(a => $"{a.Key} {a.Value}"))),
            ("Exceptions raised", r => r.Agent.Exceptions.ToString(Inv)),
            ("Cartons packed / scanned on the conveyor / labels printed (rerouted)", r => $"{r.Agent.CartonsPacked} / {r.Agent.CartonsScanned} / {r.Agent.LabelsPrinted} ({r.Agent.LabelsRerouted})"),
            ("Device exceptions: count, mean min to clear", r => r.Agent.DeviceExceptions.Count == 0 ? "none" : string.Join("; ", r.Agent.DeviceExceptions.Select(x => $"{x.Key} {x.Value.Count}, {Num(x.Value.MeanMinutes)}"))),
            ("Exception resolution, mean min", r => Num(r.Agent.ExceptionResolutionMeanSeconds / 60)),
            ("Approvals asked", r => r.Agent.ApprovalsAsked.ToString(Inv)),
            ("Overrides", r => r.Agent.Overrides.ToString(Inv)),
            ("Decisions / low-confidence / rule fallbacks", r => $"{r.Agent.Decisions} / {r.Agent.LowConfidenceDecisions} / {r.Agent.FallbackDecisions}"),
            ("Plans by model / by rule", r => $"{r.Agent.ModelPlans} / {r.Agent.RulePlans}"),
            ("Drift alarms", r => r.Agent.DriftAlarms.ToString(Inv)),
            ("Planning at shift end", r => r.Agent.PlanningMethod),
        ]);
        md.AppendLine("| | " + string.Join(" | ", run.Results.Select(r => r.Policy)) + " |");
        md.AppendLine("|---|" + string.Concat(run.Results.Select(_ => "---:|")));
        foreach (var (name, value) in rows)
        {
            md.AppendLine($"| {name} | " + string.Join(" | ", run.Results.Select(value)) + " |");
        }

        md.AppendLine();
        foreach (var chart in ShiftCharts.Draw(run, chartPrefix, outDir))
        {
            md.AppendLine(Inv, $"![{chart.Title}]({chart.File})").AppendLine();
        }

        md.AppendLine(Findings(run)).AppendLine();
    }

    /// <summary>Where the agent beats or loses to static and to rules, in numbers.</summary>
    internal static string Findings(ScenarioRun run)
    {
        var by = run.Results.ToDictionary(r => r.Policy, StringComparer.Ordinal);
        if (!by.TryGetValue("Models", out var agent))
        {
            return "";
        }

        var lines = new List<string> { "**What the numbers say.**" };
        foreach (var other in Baselines.Where(by.ContainsKey).Select(n => by[n]))
        {
            var onTime = Points(OnTime(agent.Orders), OnTime(other.Orders));
            var lph = LinesPerPickerHour(agent) - LinesPerPickerHour(other);
            var metres = MetresPerLine(agent) - MetresPerLine(other);
            var verdict = onTime switch { > 0.5 => "beats", < -0.5 => "loses to", _ => "ties with" };
            lines.Add(string.Create(Inv, $"- The agent {verdict} {other.Policy.ToLowerInvariant()} on time to cut-off ({onTime:+0.0;-0.0;0.0} points), "
                + $"{lph:+0.0;-0.0;0.0} lines per picker-hour, {metres:+0.0;-0.0;0.0} m walked per line; manual touches {agent.Agent.ManualTouches} vs {other.Agent.ManualTouches}."));
            foreach (var tier in OnTimeByTier(agent.Orders).Keys)
            {
                var d = Points(OnTimeByTier(agent.Orders).GetValueOrDefault(tier), OnTimeByTier(other.Orders).GetValueOrDefault(tier));
                lines.Add(string.Create(Inv, $"  - {tier}: {d:+0.0;-0.0;0.0} points"));
            }
        }

        if (agent.Agent.DriftAlarms > 0)
        {
            lines.Add($"- A drift alarm switched the agent's planning to the rule ({agent.Agent.PlanningMethod}); from then on the agent plays the rules policy with a plan board on top.");
        }

        return string.Join('\n', lines);
    }

    private static string Describe(Disruption d) => d.Kind switch
    {
        DisruptionKinds.ReceivingDelay => string.Create(Inv, $"receiving delay empties aisle {d.Aisle} at {d.AtHour:0.##} h for {d.Minutes:0} min"),
        DisruptionKinds.PriorityRush => string.Create(Inv, $"{d.Count} rush orders at {d.AtHour:0.##} h"),
        DisruptionKinds.BlockedAisle => string.Create(Inv, $"aisle {d.Aisle} blocked at {d.AtHour:0.##} h for {d.Minutes:0} min"),
        DisruptionKinds.PickerLeaves => string.Create(Inv, $"{d.Count} pickers leave at {d.AtHour:0.##} h"),
        DisruptionKinds.CutOffEarlier => string.Create(Inv, $"carrier {d.Carrier} leaves {d.Minutes:0} min earlier from {d.AtHour:0.##} h"),
        DisruptionKinds.PrinterPaperOut => string.Create(Inv, $"printer {d.Count} out of paper at {d.AtHour:0.##} h for {d.Minutes:0.#} min"),
        DisruptionKinds.ConveyorJam => string.Create(Inv, $"conveyor jam at {d.AtHour:0.##} h for {d.Minutes:0.#} min"),
        _ => d.Kind,
    };

    private static string Pct(double? v) => v is { } x ? (x * 100).ToString("0.0", Inv) + " %" : "–";

    private static string Num(double? v) => v is { } x ? x.ToString("0.0", Inv) : "–";

    private const string Notes = """
        ## How to read this

        - **Policies.** *Static*: `Planning:Policy=Static`, tasks go out in release order, no rebalancing, the agent's
          rule and models unused (today's floor: whoever asks gets the oldest line). *Rules*: `Planning:Policy=Rules`,
          no planner, the pick loop's rule (earliest cut-off, then nearest) decides. *Models*: the default, the
          rebalancer with the shipped ONNX models under the drift monitor and governance, the rule as fallback.
          The same agent binary, the same seeded floor, the same supervisor script in all three.
        - **The floor truth** (`simulators/ShiftScenario/Truth/ShiftTruth.cs`) uses the physics of the models' training
          floor (`FloorTruth.PickSeconds`/`WalkMetres`) with another seed, a wider spread of picker pace, and on the
          bad day a slower median pace: the models are graded on a floor they were not trained on.
        - **On time** judges each order whose *real* cut-off falls inside the shift: on time when its last line was
          done by then (short lines count as done; *in full* also needs no short line). Orders due after the shift
          are not judged.
        - **Manual touches / touches avoided / overrides / approvals / exceptions** are the agent's own counters
          (`/api/kpis`, `/api/approvals`, `/api/exceptions`); supervisor acts are what the scripted supervisor did
          through the API with its bearer token.
        - **Time.** The agent runs on a stepped virtual clock (a `FakeTimeProvider` injected as its `TimeProvider`):
          the runner moves it to the next floor event and, after every move, waits in wall time until the agent is
          quiet (every message answered, every write committed, every push, sweep, sensor event and printer query
          done). The planner's plans and the reassign watch's sweeps are made by the runner at the moment they fall
          due on that clock (`Planning:DrivenByCaller`). Kestrel, MQTT, gRPC, LiteDB's fsync and ONNX Runtime run on
          wall time; the rebalancer's compute takes no shift time, so its 10 ms deadline is never missed here.
        - **Interfaces.** Releases and cut-off changes come from the ERP simulator's commands through the reference
          central ingress and the agent's bridge downlink; pickers are MQTT handhelds; cartons are released through
          `POST /api/cartons`, break the infeed photo-eye on the agent's simulated GPIO chip, are read by the fixed
          scanner over MQTT and labelled on two ZPL printer emulators over TCP; the supervisor uses the console's
          HTTP API. A carrier moving its cut-off earlier reaches the agent as a priority change with the new cut-off;
          orders the ERP had not yet released then go out with the moved cut-off. **Docks are not played**: the
          agent's only dock interface is a dock-door switch on the GPIO chip (`door.open-too-long`, `door.closed`);
          it has no trailer, loading or departure interface, so there are no dock figures (trailers departed on
          time, cartons loaded late) to take from it.
        - **Device exceptions** (a printer out of paper, a conveyor jam) are raised by the agent from the devices and
          clear when the device recovers (paper reloaded, jam cleared after the disruption's minutes); "mean min to
          clear" is from the exception's first sighting to its resolution.
        - **Speed** is not a figure of this report (it must repeat byte for byte); how long each form takes on this
          machine and where its CPU goes is measured in `simulators/ShiftScenario/README.md` (speed).
        - **Repeatability.** The same seed writes the same report, byte for byte, charts included, under all three
          policies (`ShiftRepeatabilityTests`); see the runner's README for how.

        """;
}
