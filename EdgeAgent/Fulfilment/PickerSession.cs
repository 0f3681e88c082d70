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

    public int TasksDone { get; set; }

    public int ShortPicks { get; set; }

    public int Rejections { get; set; }
}
