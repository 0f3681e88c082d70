namespace EdgeAgent.Fulfilment;

/// <summary>A picker logged in on a handheld, with the task in hand and the step reached.</summary>
public sealed class PickerSession
{
    /// <summary>The picker's badge id.</summary>
    public string Id { get; set; } = "";

    public string DeviceId { get; set; } = "";

    public DateTime LoggedInAt { get; set; }

    public string? CurrentTaskId { get; set; }

    public PickStep Step { get; set; }

    /// <summary>Where the picker last picked; null at the depot (just logged in).</summary>
    public string? Position { get; set; }

    /// <summary>Recent actual over predicted pick time: 1 is the model's standard pace, 1.2 is 20 % slower.</summary>
    public double Pace { get; set; } = 1.0;

    /// <summary>The next-task decision this picker waits on (an approval, or a person carrying out a recommendation).</summary>
    public PendingAssignment? AwaitingDecision { get; set; }

    public int TasksDone { get; set; }

    public int ShortPicks { get; set; }

    public int Rejections { get; set; }
}
