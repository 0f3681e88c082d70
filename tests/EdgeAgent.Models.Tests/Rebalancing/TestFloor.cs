using EdgeAgent.Models.Features;
using EdgeAgent.Models.Layout;
using EdgeAgent.Models.Rebalancing;

namespace EdgeAgent.Models.Tests.Rebalancing;

/// <summary>Random but reproducible floors: 8 aisles in 4 zones, skills, blocks, absences, busy and idle pickers.</summary>
internal static class TestFloor
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    public static readonly WarehouseLayout Layout = new();
    private static readonly string[] SkillNames = ["hazmat", "cold", "heavy"];
    private static readonly string[] ZoneNames = ["Z0", "Z1", "Z2", "Z3"];

    public static RebalanceRequest Random(int seed)
    {
        var random = new Random(seed);
        return Random(random, random.Next(1, 25), random.Next(0, 150));
    }

    /// <summary>A floor with a given number of pickers and tasks, without blocks or absences.</summary>
    public static RebalanceRequest Busy(int seed, int pickers, int tasks) =>
        Random(new Random(seed), pickers, tasks) with { Disruptions = Disruptions.None };

    private static RebalanceRequest Random(Random random, int pickerCount, int taskCount)
    {
        var tasks = Enumerable.Range(0, taskCount).Select(i => Task(random, i)).ToList();
        var pickers = Enumerable.Range(0, pickerCount).Select(i => Picker(random, i)).ToList();
        return new RebalanceRequest
        {
            Pickers = pickers,
            Tasks = tasks,
            Now = Now,
            Disruptions = new Disruptions
            {
                BlockedAisles = Maybe(random, 0.3, () => ((char)('A' + random.Next(8))).ToString()),
                BlockedZones = Maybe(random, 0.2, () => ZoneNames[random.Next(4)]),
                AbsentPickers = Maybe(random, 0.3, () => $"P{random.Next(pickers.Count)}"),
            },
        };
    }

    public static OpenTask Task(string id, string location, DateTimeOffset cutOff, int priority = 3, string? order = null, int quantity = 1) => new()
    {
        Id = id,
        Location = location,
        Quantity = quantity,
        OrderId = order ?? $"O-{id}",
        Priority = priority,
        ShipCutOff = cutOff,
    };

    public static PickerState Picker(string id, string? position = null) => new() { Id = id, Position = position };

    private static OpenTask Task(Random random, int i)
    {
        var aisle = random.Next(8);
        var location = random.NextDouble() < 0.03 ? "DOCK-1" : $"{(char)('A' + aisle)}-{random.Next(1, 41):00}-{random.Next(1, 5)}";
        return new OpenTask
        {
            Id = $"T{i}",
            Location = location,
            Zone = random.NextDouble() < 0.8 ? ZoneNames[aisle / 2] : null,
            Quantity = random.Next(1, 6),
            Handling = (HandlingClass)random.Next(4),
            OrderId = $"O{random.Next(Math.Max(1, i / 2 + 1))}",
            Priority = random.Next(1, 6),
            ShipCutOff = Now.AddMinutes(random.Next(20, 240)),
            RequiredSkill = random.NextDouble() < 0.15 ? SkillNames[random.Next(3)] : null,
        };
    }

    private static PickerState Picker(Random random, int i) => new()
    {
        Id = $"P{i}",
        Position = random.NextDouble() < 0.2 ? null : $"{(char)('A' + random.Next(8))}-{random.Next(1, 41):00}-1",
        AllowedZones = random.NextDouble() < 0.5 ? new HashSet<string>() : ZoneNames.Where(_ => random.NextDouble() < 0.4).ToHashSet(),
        Skills = SkillNames.Where(_ => random.NextDouble() < 0.4).ToHashSet(),
        RemainingSeconds = random.NextDouble() < 0.5 ? 0 : random.Next(5, 120),
        CurrentTaskId = null,
        Pace = 0.8 + (random.NextDouble() * 0.5),
        Available = random.NextDouble() > 0.1,
        Horizon = random.NextDouble() < 0.3 ? random.Next(0, 5) : null,
    };

    private static HashSet<string> Maybe(Random random, double chance, Func<string> value) =>
        random.NextDouble() < chance ? [value()] : [];
}
