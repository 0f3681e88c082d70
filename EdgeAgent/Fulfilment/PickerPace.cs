namespace EdgeAgent.Fulfilment;

/// <summary>A picker's pace: a moving average of actual over predicted pick time, fed back to the model.</summary>
internal static class PickerPace
{
    private const double Weight = 0.2;
    private const double Slowest = 2.0;
    private const double Fastest = 0.5;

    /// <summary>Folds one finished pick in; picks the rule chose (no prediction) leave the pace alone.</summary>
    public static double Update(double pace, PickTask task, DateTime completedAt)
    {
        if (task.PredictedSeconds is not > 0 || task.AssignedAt is not { } assignedAt || completedAt <= assignedAt)
        {
            return pace;
        }

        var ratio = (completedAt - assignedAt).TotalSeconds / task.PredictedSeconds.Value;
        return Math.Clamp(((1 - Weight) * pace) + (Weight * ratio), Fastest, Slowest);
    }
}
