using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;

namespace EdgeAgent.ShiftScenario.Scenario;

/// <summary>Reads and checks a scenario file; a bad file gets every problem named, with its key.</summary>
public static class ScenarioLoader
{
    /// <summary>The seed the shipped models were trained with (<c>EdgeAgent.Models/Training</c>): a scenario may not replay it.</summary>
    public const int TrainingSeed = 20240605;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>A shipped scenario by name (<c>normal</c>, <c>bad-day</c>) or a path to a file.</summary>
    public static ShiftScenarioFile Load(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        var path = File.Exists(nameOrPath) ? nameOrPath : Path.Combine(AppContext.BaseDirectory, "scenarios", nameOrPath + ".json");
        if (!File.Exists(path))
        {
            throw new ScenarioException($"No scenario '{nameOrPath}': not a file, and not one of the shipped ones in {Path.GetDirectoryName(path)}");
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static ShiftScenarioFile Parse(string json, string source = "scenario")
    {
        ShiftScenarioFile? scenario;
        try
        {
            scenario = JsonSerializer.Deserialize<ShiftScenarioFile>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new ScenarioException($"{source}: not a valid scenario file: {ex.Message}");
        }

        if (scenario is null)
        {
            throw new ScenarioException($"{source}: empty scenario file");
        }

        var problems = Problems(scenario);
        return problems.Count == 0 ? scenario : throw new ScenarioException($"{source}: {string.Join("; ", problems)}");
    }

    /// <summary>The compressed form: the quick pickers and shift length, disruptions scaled to the same share of the shift.</summary>
    public static ShiftScenarioFile Compress(ShiftScenarioFile scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var scale = scenario.Quick.ShiftHours / scenario.ShiftHours;
        return scenario with
        {
            ShiftHours = scenario.Quick.ShiftHours,
            Workforce = scenario.Workforce with
            {
                Pickers = scenario.Quick.Pickers,
                Breaks = [.. scenario.Workforce.Breaks.Select(b => b with { AtHour = b.AtHour * scale, Minutes = Math.Max(1, b.Minutes * scale) })],
            },
            Disruptions = [.. scenario.Disruptions.Select(d => d with
            {
                AtHour = d.AtHour * scale,
                Minutes = d.Minutes * scale,
                Count = d.Kind is DisruptionKinds.PickerLeaves or DisruptionKinds.PriorityRush
                    ? Math.Max(1, (int)Math.Round(d.Count * (double)scenario.Quick.Pickers / scenario.Workforce.Pickers))
                    : d.Count,
            })],
        };
    }

    internal static List<string> Problems(ShiftScenarioFile s)
    {
        var problems = new List<string>();
        foreach (var part in new object[] { s, s.Layout, s.Workforce, s.Orders, s.Supervisor, s.Quick })
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(part, new ValidationContext(part), results, validateAllProperties: true);
            problems.AddRange(results.Select(r => r.ErrorMessage ?? "invalid"));
        }

        if (s.Seed == TrainingSeed)
        {
            problems.Add($"seed {TrainingSeed} is the models' training seed: the shift must not replay the training data");
        }

        CheckShares(problems, "orders.tiers", s.Orders.Tiers.Select(t => t.Share));
        CheckShares(problems, "orders.carriers", s.Orders.Carriers.Select(c => c.Share));
        problems.AddRange(s.Orders.Tiers.Where(t => t.Priority is < 1 or > 5).Select(t => $"orders.tiers '{t.Name}': priority must be 1 (most urgent) to 5"));
        problems.AddRange(s.Orders.Carriers.Where(c => c.EveryMinutes <= 0).Select(c => $"orders.carriers '{c.Name}': everyMinutes must be positive"));
        var aisles = Enumerable.Range(0, s.Layout.Aisles).Select(a => ((char)('A' + a)).ToString()).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(s.Layout.ColdAisles.Where(a => !aisles.Contains(a)).Select(a => $"layout.coldAisles: no aisle '{a}'"));
        for (var i = 0; i < s.Disruptions.Count; i++)
        {
            var d = s.Disruptions[i];
            var key = string.Create(CultureInfo.InvariantCulture, $"disruptions[{i}]");
            if (!DisruptionKinds.All.Contains(d.Kind))
            {
                problems.Add($"{key}.kind '{d.Kind}' is not one of {string.Join(", ", DisruptionKinds.All.Order(StringComparer.Ordinal))}");
            }

            if (d.AtHour < 0 || d.AtHour >= s.ShiftHours)
            {
                problems.Add($"{key}.atHour must fall inside the shift (0 to {s.ShiftHours})");
            }

            if (d.Kind is DisruptionKinds.ReceivingDelay or DisruptionKinds.BlockedAisle && (d.Aisle is null || !aisles.Contains(d.Aisle)))
            {
                problems.Add($"{key}.aisle must name an aisle of the layout");
            }

            if (d.Kind is DisruptionKinds.CutOffEarlier && !s.Orders.Carriers.Any(c => c.Name == d.Carrier))
            {
                problems.Add($"{key}.carrier must name one of orders.carriers");
            }

            if (d.Kind is DisruptionKinds.PrinterPaperOut && d.Count is < 1 or > 2)
            {
                problems.Add($"{key}.count names the printer that runs out: 1 or 2 (the conveyor has two)");
            }

            if (DisruptionKinds.OnDevices(d.Kind) && d.Minutes <= 0)
            {
                problems.Add($"{key}.minutes must be positive");
            }

            if (d.Kind is DisruptionKinds.PickerLeaves or DisruptionKinds.PriorityRush && d.Count <= 0)
            {
                problems.Add($"{key}.count must be positive");
            }
        }

        return problems;
    }

    private static void CheckShares(List<string> problems, string key, IEnumerable<double> shares)
    {
        var list = shares.ToList();
        if (list.Count == 0)
        {
            problems.Add($"{key} needs at least one entry");
        }
        else if (Math.Abs(list.Sum() - 1) > 1e-6 || list.Any(v => v < 0))
        {
            problems.Add($"{key}: shares must be non-negative and add up to 1 (they add up to {list.Sum().ToString("0.###", CultureInfo.InvariantCulture)})");
        }
    }
}
