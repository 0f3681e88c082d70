using System.Globalization;
using EdgeAgent.ShiftScenario.Scenario;
using EdgeAgent.Simulators.Floor;

namespace EdgeAgent.ShiftScenario.Truth;

/// <summary>
/// The seeded floor that plays a shift: pickers, orders and disruptions drawn once from the scenario's seed, and
/// each pick's real duration from the same physics as the models' training floor (<see cref="FloorTruth"/>) but
/// another seed and the scenario's own pace distribution. Same scenario, same truth, in any process.
/// </summary>
public sealed class ShiftTruth
{
    private static readonly string[] HandlingNames = ["small", "standard", "bulky", "fragile"];
    private static readonly double[] LevelWeights = [0.35, 0.30, 0.20, 0.15, 0.1, 0.1, 0.1, 0.1, 0.1];

    public ShiftTruth(ShiftScenarioFile scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Scenario = scenario;
        Floor = new FloorTruthOptions
        {
            Seed = scenario.Seed,
            Aisles = scenario.Layout.Aisles,
            BaysPerAisle = scenario.Layout.BaysPerAisle,
            Levels = scenario.Layout.Levels,
            AisleSpacing = scenario.Layout.AisleSpacing,
            BayDepth = scenario.Layout.BayDepth,
        };
        var random = new Random(scenario.Seed);
        Pickers = DrawPickers(random);
        Orders = DrawOrders(random);
    }

    public ShiftScenarioFile Scenario { get; }

    public FloorTruthOptions Floor { get; }

    public TimeSpan ShiftLength => TimeSpan.FromHours(Scenario.ShiftHours);

    public IReadOnlyList<PickerTruth> Pickers { get; }

    /// <summary>Every order of the shift, in release order.</summary>
    public IReadOnlyList<OrderTruth> Orders { get; }

    /// <summary>How long one pick really takes: travel from where the picker stands, then handling at the face.</summary>
    public PickTiming Pick(PickerTruth picker, (int Aisle, int Bay) from, LineTruth line)
    {
        ArgumentNullException.ThrowIfNull(picker);
        ArgumentNullException.ThrowIfNull(line);
        // Noise per (seed, task) so the same pick takes the same time whatever order the policy ran it in.
        var random = new Random(StableHash(Scenario.Seed, line.TaskId, picker.Id));
        var congestion = Math.Pow(random.NextDouble(), 1.6);
        var metres = FloorTruth.WalkMetres(Floor, from.Aisle, from.Bay, line.Aisle, line.Bay);
        var handling = Array.IndexOf(HandlingNames, line.Handling);
        var (travel, handle) = FloorTruth.PickSeconds(metres, Math.Abs(from.Aisle - line.Aisle), line.Qty, (ItemHandling)handling, line.Level, picker.Pace, congestion);
        var noise = Math.Exp(Normal(random) * Scenario.Workforce.DurationNoise);
        return new PickTiming(metres, TimeSpan.FromSeconds(travel * noise), TimeSpan.FromSeconds(handle * noise));
    }

    /// <summary>A stable, seeded coin for a named event (a wrong scan, a supervisor's delay), independent of run order.</summary>
    public double Chance(string what, string who) => new Random(StableHash(Scenario.Seed, what, who)).NextDouble();

    /// <summary>The scripted supervisor's response time for one named act.</summary>
    public TimeSpan SupervisorDelay(string act)
    {
        var random = new Random(StableHash(Scenario.Seed, "supervisor", act));
        var minutes = Scenario.Supervisor.ResponseMedianMinutes * Math.Exp(Normal(random) * Scenario.Supervisor.ResponseSigma);
        return TimeSpan.FromMinutes(minutes);
    }

    internal static int StableHash(int seed, string a, string b)
    {
        // FNV-1a: string.GetHashCode is randomised per process.
        var hash = 2166136261u ^ (uint)seed;
        foreach (var c in a + "\u0001" + b)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7FFFFFFF);
    }

    private List<PickerTruth> DrawPickers(Random random)
    {
        var w = Scenario.Workforce;
        var aisles = Scenario.Layout.Aisles;
        var pickers = new List<PickerTruth>(w.Pickers);
        var leaving = Scenario.Disruptions.Where(d => d.Kind == DisruptionKinds.PickerLeaves)
            .SelectMany(d => Enumerable.Repeat(TimeSpan.FromHours(d.AtHour), d.Count)).ToList();
        for (var n = 1; n <= w.Pickers; n++)
        {
            var pace = Math.Clamp(w.PaceMedian * Math.Exp(Normal(random) * w.PaceSigma), 0.4, 2.0);
            var zones = new List<string>();
            if (random.NextDouble() < w.ZoneRestrictedShare)
            {
                var first = random.Next(aisles);
                var width = Math.Max(2, aisles / 2);
                zones.AddRange(Enumerable.Range(0, width).Select(i => ((char)('A' + ((first + i) % aisles))).ToString()));
            }

            var skills = random.NextDouble() < w.ColdSkillShare ? new List<string> { "cold" } : [];
            var breaks = w.Breaks.Select(b =>
            {
                var start = TimeSpan.FromHours(b.AtHour) + TimeSpan.FromMinutes((random.NextDouble() * 30) - 15);
                return (Start: start, End: start + TimeSpan.FromMinutes(b.Minutes));
            }).ToList();
            pickers.Add(new PickerTruth
            {
                Id = string.Create(CultureInfo.InvariantCulture, $"P-{n:000}"),
                DeviceId = string.Create(CultureInfo.InvariantCulture, $"hh-{n:000}"),
                Pace = pace,
                Zones = zones,
                Skills = skills,
                Breaks = breaks,
                // The last badges of the roster are the ones who go home.
                LeavesAt = n > w.Pickers - leaving.Count ? leaving[w.Pickers - n] : null,
            });
        }

        // Someone on the floor must hold each skill the cold aisles need.
        if (Scenario.Layout.ColdAisles.Count > 0 && !pickers.Any(p => p.Skills.Contains("cold") && p.LeavesAt is null))
        {
            pickers[0] = pickers[0] with { Skills = ["cold"], Zones = [] };
        }

        return pickers;
    }

    private List<OrderTruth> DrawOrders(Random random)
    {
        var o = Scenario.Orders;
        var perHour = Scenario.Workforce.Pickers * o.LinesPerPickerHour / o.MeanLines;
        var orders = new List<OrderTruth>();
        var wave = TimeSpan.FromMinutes(o.WaveMinutes);
        var opening = (int)Math.Round(perHour * o.OpeningBacklogHours);
        for (var i = 0; i < opening; i++)
        {
            orders.Add(Order(random, orders.Count, TimeSpan.Zero, rush: false));
        }

        for (var release = wave; release < ShiftLength; release += wave)
        {
            var count = Poisson(random, perHour * wave.TotalHours);
            for (var i = 0; i < count; i++)
            {
                orders.Add(Order(random, orders.Count, release, rush: false));
            }
        }

        foreach (var rush in Scenario.Disruptions.Where(d => d.Kind == DisruptionKinds.PriorityRush))
        {
            var at = TimeSpan.FromHours(rush.AtHour);
            for (var i = 0; i < rush.Count; i++)
            {
                orders.Add(Order(random, orders.Count, at, rush: true));
            }
        }

        return [.. orders.OrderBy(x => x.ReleaseAt).ThenBy(x => x.Id, StringComparer.Ordinal).Select(MoveCutOff)];
    }

    private OrderTruth Order(Random random, int index, TimeSpan release, bool rush)
    {
        var o = Scenario.Orders;
        var tier = rush ? o.Tiers.OrderBy(t => t.Priority).First() : Pick(random, o.Tiers, t => t.Share);
        var carrier = Pick(random, o.Carriers, c => c.Share);
        var slack = rush ? TimeSpan.FromMinutes(tier.MinSlackMinutes * 0.75) : TimeSpan.FromMinutes(tier.MinSlackMinutes);
        var cutOff = rush ? release + slack : Departure(carrier, release + slack);
        var id = string.Create(CultureInfo.InvariantCulture, $"SO-{index + 1:000000}");
        var lineCount = Math.Min(12, 1 + (int)Math.Floor(-Math.Log(1 - random.NextDouble()) * (o.MeanLines - 1)));
        var lines = new List<LineTruth>(lineCount);
        for (var l = 0; l < lineCount; l++)
        {
            var aisle = random.Next(Scenario.Layout.Aisles);
            var bays = Scenario.Layout.BaysPerAisle;
            var bay = random.NextDouble() < Scenario.Layout.FrontShare ? 1 + random.Next(Math.Max(1, bays / 3)) : 1 + random.Next(bays);
            var level = 1 + Pick(random, Enumerable.Range(0, Scenario.Layout.Levels).ToList(), i => LevelWeights[i]);
            var qty = Math.Min(12, 1 + (int)Math.Floor(-Math.Log(1 - random.NextDouble()) * 2.0));
            var handling = random.NextDouble() switch { < 0.30 => 0, < 0.75 => 1, < 0.90 => 2, _ => 3 };
            var cold = Scenario.Layout.ColdAisles.Contains(((char)('A' + aisle)).ToString());
            lines.Add(new LineTruth(
                string.Create(CultureInfo.InvariantCulture, $"{id}-{l + 1}"),
                aisle, bay, level,
                string.Create(CultureInfo.InvariantCulture, $"SKU-{(char)('A' + aisle)}{bay:00}{level}"),
                qty, HandlingNames[handling], cold ? "cold" : null));
        }

        return new OrderTruth
        {
            Id = id,
            Tier = tier.Name,
            Priority = rush ? 1 : tier.Priority,
            Carrier = rush ? "express" : carrier.Name,
            ReleaseAt = release,
            CutOff = cutOff,
            RealCutOff = cutOff,
            Lines = lines,
            Rush = rush,
        };
    }

    // A carrier that moves its departures earlier: orders still open then leave on the earlier truck.
    private OrderTruth MoveCutOff(OrderTruth order)
    {
        foreach (var d in Scenario.Disruptions.Where(d => d.Kind == DisruptionKinds.CutOffEarlier && d.Carrier == order.Carrier))
        {
            var at = TimeSpan.FromHours(d.AtHour);
            if (order.CutOff > at)
            {
                var moved = order.CutOff - TimeSpan.FromMinutes(d.Minutes);
                return order with { RealCutOff = moved < at + TimeSpan.FromMinutes(10) ? at + TimeSpan.FromMinutes(10) : moved };
            }
        }

        return order;
    }

    private static TimeSpan Departure(Carrier carrier, TimeSpan earliest)
    {
        var first = TimeSpan.FromMinutes(carrier.FirstDepartureMinutes);
        if (earliest <= first)
        {
            return first;
        }

        var every = TimeSpan.FromMinutes(carrier.EveryMinutes);
        var k = Math.Ceiling((earliest - first) / every);
        return first + (every * k);
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items, Func<T, double> weight)
    {
        var total = items.Sum(weight);
        var u = random.NextDouble() * total;
        foreach (var item in items)
        {
            u -= weight(item);
            if (u < 0)
            {
                return item;
            }
        }

        return items[^1];
    }

    private static int Poisson(Random random, double mean)
    {
        // Normal approximation above 30 keeps it cheap; exact below.
        if (mean > 30)
        {
            return Math.Max(0, (int)Math.Round(mean + (Math.Sqrt(mean) * Normal(random))));
        }

        var limit = Math.Exp(-mean);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= random.NextDouble();
        }

        return k;
    }

    private static double Normal(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
