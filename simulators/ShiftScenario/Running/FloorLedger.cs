using EdgeAgent.ShiftScenario.Report;
using EdgeAgent.ShiftScenario.Truth;

namespace EdgeAgent.ShiftScenario.Running;

/// <summary>What the floor really did, line by line, from the truth and the agent's decisions; the report's figures come from here.</summary>
internal sealed class FloorLedger(ShiftTruth truth)
{
    private readonly Dictionary<string, (OrderTruth Order, LineTruth Line)> _lines = truth.Orders
        .SelectMany(o => o.Lines.Select(l => (o, l)))
        .ToDictionary(x => x.l.TaskId, x => (x.o, x.l), StringComparer.Ordinal);

    private readonly Dictionary<string, LineOutcome> _done = new(StringComparer.Ordinal);
    private readonly List<ShiftSample> _samples = [];
    private int _released;

    public double Metres { get; private set; }

    public int StalledPicks { get; private set; }

    public int WrongScans { get; set; }

    public IReadOnlyList<ShiftSample> Samples => _samples;

    public (OrderTruth Order, LineTruth Line)? Find(string taskId) => _lines.TryGetValue(taskId, out var found) ? found : null;

    public void Released(int lines) => _released += lines;

    public void Done(string taskId, TimeSpan at, bool isShort, double metres, string picker)
    {
        if (_done.TryAdd(taskId, new LineOutcome(at, isShort, picker)))
        {
            Metres += metres;
        }
    }

    public void Stalled() => StalledPicks++;

    /// <summary>True when every line of the order is done (picked or short): it goes to packing.</summary>
    public bool OrderComplete(OrderTruth order) => order.Lines.All(l => _done.ContainsKey(l.TaskId));

    public void Sample(TimeSpan at)
    {
        var onTime = OrderOutcomes(at);
        _samples.Add(new ShiftSample(at, _released - _done.Count, onTime.Count == 0 ? null : (double)onTime.Count(o => o.OnTime) / onTime.Count));
    }

    /// <summary>The orders whose real cut-off has passed by <paramref name="at"/>, and whether each shipped on time and in full.</summary>
    public IReadOnlyList<OrderOutcome> OrderOutcomes(TimeSpan at) => [.. truth.Orders
        .Where(o => o.RealCutOff <= at)
        .Select(o =>
        {
            var outcomes = o.Lines.Select(l => _done.GetValueOrDefault(l.TaskId)).ToList();
            var finished = outcomes.All(x => x is not null) ? outcomes.Max(x => x!.At) : (TimeSpan?)null;
            return new OrderOutcome(o.Id, o.Tier, finished is { } f && f <= o.RealCutOff, outcomes.All(x => x is { Short: false }));
        })];

    public int LinesDone => _done.Count;

    public int ShortLines => _done.Values.Count(v => v.Short);

    private sealed record LineOutcome(TimeSpan At, bool Short, string Picker);
}
