namespace EdgeAgent.Fulfilment;

/// <summary>Where pick tasks come from until the ERP downlink releases them (section <c>Tasks</c>).</summary>
public sealed class TaskSeedOptions
{
    public const string Section = "Tasks";

    /// <summary>A JSON file with an array of tasks, loaded at start; tasks already known are skipped.</summary>
    public string? SeedFile { get; set; }
}
