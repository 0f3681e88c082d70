using System.ComponentModel.DataAnnotations;
using EdgeAgent.Models.Drift;

namespace EdgeAgent.Planning;

/// <summary>The model-driven rebalancer of pick work (section <c>Planning</c>).</summary>
public sealed class PlanningOptions : IValidatableObject
{
    public const string Section = "Planning";

    /// <summary>Off: no plan is made and the pick loop's rule decides every next task.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Models (default), Rules (the pick loop's rule alone) or Static (release order, no rebalancing).</summary>
    [EnumDataType(typeof(PlanningPolicy), ErrorMessage = "Planning:Policy must be Models, Rules or Static")]
    public PlanningPolicy Policy { get; set; } = PlanningPolicy.Models;

    /// <summary>
    /// True: the planner loads its models but makes no plan by itself, nor does the reassign watch sweep; a caller asks for each (the shift
    /// scenario, which steps a virtual clock and must know when each plan is made so the same seed repeats).
    /// </summary>
    public bool DrivenByCaller { get; set; }

    /// <summary>Where the <c>.onnx</c> files and their manifests are; the ones shipped beside the agent when empty.</summary>
    public string? ModelDirectory { get; set; }

    /// <summary>Tasks planned ahead per picker.</summary>
    [Range(1, 50, ErrorMessage = "Planning:Horizon must be between 1 and 50")]
    public int Horizon { get; set; } = 3;

    /// <summary>A rebalance past this returns the rule's plan instead.</summary>
    [Range(1, 10_000, ErrorMessage = "Planning:DeadlineMilliseconds must be between 1 and 10000")]
    public int DeadlineMilliseconds { get; set; } = 10;

    /// <summary>The first rebalance scores everything once; it gets longer than the incremental ones.</summary>
    [Range(1, 60_000, ErrorMessage = "Planning:ColdDeadlineMilliseconds must be between 1 and 60000")]
    public int ColdDeadlineMilliseconds { get; set; } = 1_000;

    /// <summary>Triggers closer together than this are planned once: a burst of scans is one rebalance.</summary>
    [Range(0, 60_000, ErrorMessage = "Planning:MinIntervalMilliseconds must be between 0 and 60000")]
    public int MinIntervalMilliseconds { get; set; } = 200;

    /// <summary>Plans are remade this often without a trigger, so passing time (nearer cut-offs) counts.</summary>
    [Range(1, 3_600, ErrorMessage = "Planning:RefreshSeconds must be between 1 and 3600")]
    public int RefreshSeconds { get; set; } = 5;

    /// <summary>Most open tasks one rebalance reads, earliest cut-off first.</summary>
    [Range(1, 100_000, ErrorMessage = "Planning:MaxOpenTasks must be between 1 and 100000")]
    public int MaxOpenTasks { get; set; } = 10_000;

    /// <summary>When predictions stop matching the floor (section <c>Planning:Drift</c>).</summary>
    public DriftMonitorOptions Drift { get; set; } = new();

    /// <summary>When the features of live requests leave the training distribution (section <c>Planning:InputDrift</c>).</summary>
    public InputDriftOptions InputDrift { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(Drift, new ValidationContext(Drift), results, validateAllProperties: true);
        foreach (var result in results)
        {
            yield return new ValidationResult($"{Section}:Drift: {result.ErrorMessage}", result.MemberNames.Select(m => $"Drift.{m}"));
        }

        results.Clear();
        Validator.TryValidateObject(InputDrift, new ValidationContext(InputDrift), results, validateAllProperties: true);
        foreach (var result in results)
        {
            yield return new ValidationResult($"{Section}:InputDrift: {result.ErrorMessage}", result.MemberNames.Select(m => $"InputDrift.{m}"));
        }
    }
}
