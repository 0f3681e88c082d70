using System.ComponentModel.DataAnnotations;

namespace EdgeAgent.Storage;

/// <summary>Where the agent's durable store lives and how its single writer batches work.</summary>
public sealed class StoreOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Store";

    /// <summary>Directory holding the LiteDB file and the lock file; created if missing.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = "data";

    /// <summary>LiteDB file name inside <see cref="DataDirectory"/>; its log is <c>&lt;name&gt;-log.db</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string FileName { get; set; } = "edgeagent.db";

    /// <summary>Most changes committed in one transaction and made durable by one fsync.</summary>
    [Range(1, 100_000)]
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>Changes waiting for the writer before callers of WriteAsync wait too (backpressure).</summary>
    [Range(1, 10_000_000)]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>
    /// Free bytes the data directory's file system must keep. Below it the agent alarms, sheds telemetry and
    /// refuses new business work (the device is told to retry), so the store never meets a full disk; at a
    /// quarter above it again the agent carries on by itself. 0 switches the watch off. Default 64 MiB.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long MinFreeBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How often the free space is measured, in milliseconds. Default 2000.</summary>
    [Range(50, 600_000)]
    public int FreeSpaceCheckMilliseconds { get; set; } = 2000;

    /// <summary>
    /// What the open does when it finds the store damaged or missing acknowledged work: <c>Refuse</c> (default) or
    /// <c>Recover</c>. Either way the damaged files are first kept in <c>damaged-&lt;UTC time&gt;/</c> in the data directory.
    /// </summary>
    [EnumDataType(typeof(StoreDamagePolicy))]
    public StoreDamagePolicy OnDamage { get; set; } = StoreDamagePolicy.Refuse;

    internal string DatabasePath => Path.Combine(DataDirectory, FileName);
}
