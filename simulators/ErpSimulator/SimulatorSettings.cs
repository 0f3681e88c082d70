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
    public string? ApprovedBy { get; init; }
    public double? Confidence { get; init; }
    public string Nats { get; init; } = "nats://127.0.0.1:4222";
    public string Durable { get; init; } = "erp";
    public DateTimeOffset? From { get; init; }
    public string Stream { get; init; } = "BRIDGE_EVENTS";
    public int Partitions { get; init; } = 3;
    public string SubjectPrefix { get; init; } = "bridge.events";
    public string Model { get; init; } = "pick-duration";
    public string? Directory { get; init; }
    public string? UpdateId { get; init; }
    public int ChunkBytes { get; init; } = CloudBridge.Contract.V1.ModelUpdateCommands.DefaultChunkBytes;

    public static SimulatorSettings? Parse(string[] args)
    {
        if (args.Length < 1 || args[0] is not ("release" or "read" or "expedite" or "hold" or "consume" or "model"))
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
            ApprovedBy = options.GetValueOrDefault("approved-by"),
            Confidence = options.TryGetValue("confidence", out var c) ? double.Parse(c, CultureInfo.InvariantCulture) : null,
            Nats = options.GetValueOrDefault("nats", defaults.Nats),
            Durable = options.GetValueOrDefault("durable", defaults.Durable),
            From = options.TryGetValue("from", out var f) ? DateTimeOffset.Parse(f, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null,
            Stream = options.GetValueOrDefault("stream", defaults.Stream),
            Partitions = options.TryGetValue("partitions", out var n) ? int.Parse(n, CultureInfo.InvariantCulture) : defaults.Partitions,
            SubjectPrefix = options.GetValueOrDefault("subject-prefix", defaults.SubjectPrefix),
            Model = options.GetValueOrDefault("model", defaults.Model),
            Directory = options.GetValueOrDefault("dir"),
            UpdateId = options.GetValueOrDefault("update-id"),
            ChunkBytes = options.TryGetValue("chunk-bytes", out var cb) ? int.Parse(cb, CultureInfo.InvariantCulture) : defaults.ChunkBytes,
        };
    }
}
