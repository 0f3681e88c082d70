using EdgeAgent.Models.Features;
using EdgeAgent.Models.Layout;
using EdgeAgent.Models.Rebalancing;

namespace EdgeAgent.Bench.Rebalance;

/// <summary>
/// The seeded bench instance: 26 aisles × 40 bays × 4 levels, zones of four aisles (Z1–Z7), cold in Z7,
/// hazmat in aisle M, heavy lifting for bulky lines; carrier cut-offs every 30 min over the next 5 h.
/// </summary>
internal sealed class BenchFloor
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);
    private readonly Random _random;
    private int _nextTask;
    private int _nextOrder;

    public BenchFloor(int seed) => _random = new Random(seed);

    public WarehouseLayout Layout { get; } = new() { BaysPerAisle = 40 };

    public static string ZoneOfAisle(int aisle) => $"Z{(aisle / 4) + 1}";

    public List<PickerState> Pickers(int count) => Enumerable.Range(0, count).Select(Picker).ToList();

    /// <summary>A release of whole orders (1–5 lines each) until <paramref name="lines"/> lines.</summary>
    public List<OpenTask> Release(int lines, DateTimeOffset now)
    {
        var tasks = new List<OpenTask>(lines);
        while (tasks.Count < lines)
        {
            var order = $"O{_nextOrder++}";
            var priority = Weighted([0.05, 0.15, 0.5, 0.2, 0.1]) + 1;
            var wave = _random.Next(1, 11);
            var halfHour = TimeSpan.FromMinutes(30).Ticks;
            var cutOff = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % halfHour), TimeSpan.Zero).AddTicks(wave * halfHour);
            for (var line = _random.Next(1, 6); line > 0 && tasks.Count < lines; line--)
            {
                tasks.Add(Task(order, priority, cutOff));
            }
        }

        return tasks;
    }

    private OpenTask Task(string order, int priority, DateTimeOffset cutOff)
    {
        var aisle = _random.Next(26);
        var handling = (HandlingClass)Weighted([0.3, 0.45, 0.15, 0.1]);
        var skill = aisle == 12 ? "hazmat" : aisle >= 24 ? "cold" : handling == HandlingClass.Bulky && _random.NextDouble() < 0.6 ? "heavy" : null;
        return new OpenTask
        {
            Id = $"T{_nextTask++}",
            Location = $"{(char)('A' + aisle)}-{_random.Next(1, 41):00}-{_random.Next(1, 5)}",
            Zone = ZoneOfAisle(aisle),
            Quantity = 1 + Weighted([0.45, 0.25, 0.15, 0.1, 0.05]),
            Handling = handling,
            OrderId = order,
            Priority = priority,
            ShipCutOff = cutOff,
            RequiredSkill = skill,
        };
    }

    private PickerState Picker(int i)
    {
        var zones = new HashSet<string>(StringComparer.Ordinal);
        if (_random.NextDouble() < 0.4)
        {
            var home = _random.Next(7);
            zones.Add($"Z{home + 1}");
            zones.Add($"Z{((home + 1) % 7) + 1}");
        }

        var skills = new HashSet<string>(StringComparer.Ordinal);
        AddIf(skills, 0.2, "hazmat");
        AddIf(skills, 0.25, "cold");
        AddIf(skills, 0.4, "heavy");
        return new PickerState
        {
            Id = $"P{i:000}",
            Position = $"{(char)('A' + _random.Next(26))}-{_random.Next(1, 41):00}-1",
            AllowedZones = zones,
            Skills = skills,
            Pace = Math.Round(0.8 + (_random.NextDouble() * 0.5), 2),
            RemainingSeconds = _random.Next(0, 90),
        };
    }

    public int Next(int max) => _random.Next(max);

    public double NextDouble() => _random.NextDouble();

    private void AddIf(HashSet<string> set, double chance, string value)
    {
        if (_random.NextDouble() < chance)
        {
            set.Add(value);
        }
    }

    private int Weighted(double[] weights)
    {
        var x = _random.NextDouble();
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
