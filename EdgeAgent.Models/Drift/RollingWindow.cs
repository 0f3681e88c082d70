namespace EdgeAgent.Models.Drift;

/// <summary>
/// The last N (prediction, outcome) pairs with their running sums: fixed memory, O(1) a sample.
/// Not thread-safe; the monitor guards it.
/// </summary>
internal sealed class RollingWindow(int size)
{
    private readonly double[] _predicted = new double[size];
    private readonly double[] _observed = new double[size];
    private int _next;

    public int Count { get; private set; }

    public double PredictedSum { get; private set; }

    public double ObservedSum { get; private set; }

    public void Add(double predicted, double observed)
    {
        if (Count == _predicted.Length)
        {
            PredictedSum -= _predicted[_next];
            ObservedSum -= _observed[_next];
        }
        else
        {
            Count++;
        }

        _predicted[_next] = predicted;
        _observed[_next] = observed;
        PredictedSum += predicted;
        ObservedSum += observed;
        _next = (_next + 1) % _predicted.Length;

        // Re-add from scratch once a lap, so subtracting evicted values cannot let rounding creep in.
        if (_next == 0)
        {
            PredictedSum = _predicted.Sum();
            ObservedSum = _observed.Sum();
        }
    }

    public void Clear()
    {
        Array.Clear(_predicted);
        Array.Clear(_observed);
        _next = 0;
        Count = 0;
        PredictedSum = 0;
        ObservedSum = 0;
    }
}
