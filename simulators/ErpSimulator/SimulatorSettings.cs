using System.Globalization;

namespace ErpSimulator;

/// <summary>Command line of the simulator.</summary>
internal sealed record SimulatorSettings
{
    public required string Verb { get; init; }
    public required string Gateway { get; init; }
    public string Address { get; init; } = "http://127.0.0.1:5090";
    public string AdminToken { get; init; } = Environment.GetEnvironmentVariable("ERP_ADMIN_TOKEN") ?? "";
    public int Orders { get; init; } = 10;
    public int TasksPerOrder { get; init; } = 3;
    public string Wave { get; init; } = "W" + DateTime.UtcNow.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
    public string Lane { get; init; } = "business";
    public ulong After { get; init; }
    public string? Order { get; init; }
    public int Priority { get; init; } = 1;
    public bool Release { get; init; }

    public static SimulatorSettings? Parse(string[] args)
    {
        if (args.Length < 1 || args[0] is not ("release" or "read" or "expedite" or "hold"))
        {
            return null;
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 1; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        if (!options.TryGetValue("gateway", out var gateway))
        {
            return null;
        }

        var defaults = new SimulatorSettings { Verb = args[0], Gateway = gateway };
        return defaults with
        {
            Address = options.GetValueOrDefault("address", defaults.Address),
            AdminToken = options.GetValueOrDefault("admin-token", defaults.AdminToken),
            Orders = options.TryGetValue("orders", out var o) ? int.Parse(o, CultureInfo.InvariantCulture) : defaults.Orders,
            TasksPerOrder = options.TryGetValue("tasks-per-order", out var t) ? int.Parse(t, CultureInfo.InvariantCulture) : defaults.TasksPerOrder,
            Wave = options.GetValueOrDefault("wave", defaults.Wave),
            Lane = options.GetValueOrDefault("lane", defaults.Lane),
            After = options.TryGetValue("after", out var a) ? ulong.Parse(a, CultureInfo.InvariantCulture) : 0,
            Order = options.GetValueOrDefault("order"),
            Priority = options.TryGetValue("priority", out var p) ? int.Parse(p, CultureInfo.InvariantCulture) : defaults.Priority,
            Release = options.TryGetValue("release", out var r) && bool.Parse(r),
        };
    }
}
