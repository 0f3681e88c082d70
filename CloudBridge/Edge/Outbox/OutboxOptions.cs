using System.ComponentModel.DataAnnotations;

namespace CloudBridge.Outbox;

/// <summary>Lanes and disk quota of the outbox.</summary>
public sealed class OutboxOptions
{
    public const string Business = "business";
    public const string Audit = "audit";
    public const string Telemetry = "telemetry";

    /// <summary>Logical bytes (payload plus envelope) the outbox may hold. Default 512 MiB.</summary>
    [Range(1024, long.MaxValue)]
    public long QuotaBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Largest payload accepted by <see cref="Outbox.Append"/>. Default 256 KiB.</summary>
    [Range(1, 4 * 1024 * 1024)]
    public int MaxPayloadBytes { get; set; } = 256 * 1024;

    /// <summary>Lanes in priority order; empty means the defaults: business 4, audit 2, telemetry 1 (sheddable).</summary>
    public IList<LaneOptions> Lanes { get; } = [];

    /// <summary>The configured lanes, or the defaults when none are configured.</summary>
    public IReadOnlyList<LaneOptions> EffectiveLanes() => Lanes.Count > 0
        ? [.. Lanes]
        :
        [
            new() { Name = Business, Weight = 4 },
            new() { Name = Audit, Weight = 2 },
            new() { Name = Telemetry, Weight = 1, Sheddable = true },
        ];
}
