using EdgeAgent.Events;
using EdgeAgent.Models.Features;
using EdgeAgent.Models.Layout;
using LiteDB;

namespace EdgeAgent.Fulfilment;

/// <summary>Validates released tasks and adds them to the open pool.</summary>
public static class TaskIntake
{
    public const int MaxTasksPerRelease = 10_000;
    public const int DefaultPriority = 3;
    private const int MaxTextLength = 128;
    private static readonly WarehouseLayout Layout = new();

    /// <summary>Every problem with a release, each naming the task index and field; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<NewPickTask?>? tasks)
    {
        if (tasks is null || tasks.Count == 0)
        {
            return ["the body must be a non-empty JSON array of tasks"];
        }

        if (tasks.Count > MaxTasksPerRelease)
        {
            return [$"at most {MaxTasksPerRelease} tasks per release, got {tasks.Count}"];
        }

        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tasks.Count; i++)
        {
            var task = tasks[i];
            if (task is null)
            {
                problems.Add($"[{i}]: is null");
                continue;
            }

            CheckText(problems, i, "id", task.Id);
            CheckText(problems, i, "location", task.Location);
            CheckText(problems, i, "sku", task.Sku);
            if (task.Qty is < 1 or > 100_000)
            {
                problems.Add($"[{i}].qty: must be between 1 and 100000, got {task.Qty}");
            }

            CheckOptional(problems, i, task);
            if (task.Id is { Length: > 0 } id && !seen.Add(id))
            {
                problems.Add($"[{i}].id: '{id}' appears twice in this release");
            }
        }

        return problems;
    }

    /// <summary>Ids of the release that the store already holds.</summary>
    public static IReadOnlyList<string> Existing(LiteDatabase db, IEnumerable<NewPickTask> tasks)
    {
        var floor = new FloorCollections(db);
        return tasks.Select(t => t.Id!).Where(id => floor.Tasks.FindById(id) is not null).ToList();
    }

    /// <summary>Adds the tasks not already known; returns how many were added.</summary>
    public static int AddNew(LiteDatabase db, IEnumerable<NewPickTask> tasks, DateTime now, FloorJournal? journal = null)
    {
        var floor = new FloorCollections(db, journal);
        var added = 0;
        foreach (var task in tasks)
        {
            if (floor.Tasks.FindById(task.Id) is not null)
            {
                continue;
            }

            var location = task.Location!.Trim();
            floor.SaveTask(new PickTask
            {
                Id = task.Id!,
                Location = location,
                Sku = task.Sku!.Trim(),
                Quantity = task.Qty,
                DueAt = task.DueAt?.UtcDateTime ?? now.AddHours(4),
                Zone = task.Zone?.Trim() ?? DefaultZone(location),
                OrderId = task.OrderId?.Trim() ?? task.Id!,
                Priority = task.Priority ?? DefaultPriority,
                Handling = task.Handling is { } handling ? Enum.Parse<HandlingClass>(handling, ignoreCase: true) : HandlingClass.Standard,
                RequiredSkill = string.IsNullOrWhiteSpace(task.Skill) ? null : task.Skill.Trim(),
                Gtins = ItemCodes.NormaliseAll(task.Gtins, "gtins", []),
                Batch = string.IsNullOrWhiteSpace(task.Batch) ? null : task.Batch.Trim(),
                MinExpiry = task.MinExpiry?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                Alternatives = [.. (task.Alternatives ?? []).Select(a => new ItemAlternative { Sku = a.Sku!.Trim(), Location = string.IsNullOrWhiteSpace(a.Location) ? null : a.Location.Trim(), Gtins = ItemCodes.NormaliseAll(a.Gtins, "gtins", []) })],
                ReleasedAt = now,
                Status = PickTaskStatus.Open,
            });
            added++;
        }

        if (added > 0)
        {
            floor.Record(new TasksReleased { At = now, DeviceId = "", Count = added });
        }

        return added;
    }

    /// <summary>A location in the layout's pattern belongs to its aisle's zone; any other to the zone "default".</summary>
    public static string DefaultZone(string location) => Layout.Locate(location)?.DefaultZone ?? "default";

    private static void CheckOptional(List<string> problems, int index, NewPickTask task)
    {
        if (task.Priority is < 1 or > 5)
        {
            problems.Add($"[{index}].priority: must be between 1 (most urgent) and 5, got {task.Priority}");
        }

        if (task.Handling is { } handling && (!Enum.TryParse<HandlingClass>(handling, ignoreCase: true, out _) || int.TryParse(handling, out _)))
        {
            problems.Add($"[{index}].handling: must be one of {string.Join(", ", Enum.GetNames<HandlingClass>()).ToLowerInvariant()}, got '{handling}'");
        }

        CheckItemData(problems, index, task);
        foreach (var (field, value) in new[] { ("zone", task.Zone), ("orderId", task.OrderId), ("skill", task.Skill) })
        {
            if (value is not null)
            {
                CheckText(problems, index, field, value);
            }
        }
    }

    /// <summary>The ERP's item data: GTINs with valid check digits, a GS1 batch (up to 20 characters), allowed alternatives.</summary>
    private static void CheckItemData(List<string> problems, int index, NewPickTask task)
    {
        ItemCodes.NormaliseAll(task.Gtins, $"[{index}].gtins", problems);
        if (task.Batch is { } batch && (string.IsNullOrWhiteSpace(batch) || batch.Trim().Length > 20))
        {
            problems.Add($"[{index}].batch: a GS1 batch is 1-20 characters, got {batch.Length}");
        }

        var alternatives = task.Alternatives ?? [];
        if (alternatives.Count > ItemCodes.MaxGtinsPerItem)
        {
            problems.Add($"[{index}].alternatives: at most {ItemCodes.MaxGtinsPerItem}, got {alternatives.Count}");
            return;
        }

        for (var a = 0; a < alternatives.Count; a++)
        {
            if (alternatives[a] is not { } alternative)
            {
                problems.Add($"[{index}].alternatives[{a}]: is null");
                continue;
            }

            CheckText(problems, index, $"alternatives[{a}].sku", alternative.Sku);
            if (alternative.Location is not null)
            {
                CheckText(problems, index, $"alternatives[{a}].location", alternative.Location);
            }

            if (string.Equals(alternative.Sku?.Trim(), task.Sku?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"[{index}].alternatives[{a}].sku: is the task's own SKU");
            }

            ItemCodes.NormaliseAll(alternative.Gtins, $"[{index}].alternatives[{a}].gtins", problems);
        }
    }

    private static void CheckText(List<string> problems, int index, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"[{index}].{field}: is required");
        }
        else if (value.Length > MaxTextLength)
        {
            problems.Add($"[{index}].{field}: at most {MaxTextLength} characters, got {value.Length}");
        }
    }
}
