namespace EdgeAgent.Simulators.Floor;

/// <summary>One order as the floor saw it at a decision point, and whether it then missed its ship cut-off.</summary>
public sealed record OrderSample
{
    /// <summary>Minutes left until the order's carrier cut-off; negative when already past.</summary>
    public required double SlackMinutes { get; init; }

    public required int OpenLines { get; init; }

    /// <summary>Minutes of picking and packing the open lines need.</summary>
    public required double RemainingWorkMinutes { get; init; }

    /// <summary>Minutes of queued work ahead of the order, per picker on shift.</summary>
    public required double BacklogMinutesPerPicker { get; init; }

    /// <summary>0 (standard) to 3 (urgent); higher priorities jump part of the queue.</summary>
    public required int Priority { get; init; }

    public required bool Late { get; init; }
}
