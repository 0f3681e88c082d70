using System.Device.Gpio;

namespace EdgeAgent.Drivers.Sensors;

/// <summary>One pin of the <see cref="SimulatedGpioDriver"/>; every member is called under the chip's lock.</summary>
internal sealed class SimulatedPin
{
    private readonly List<(PinEventTypes Types, PinChangeEventHandler Handler)> _handlers = [];
    private readonly List<(PinEventTypes Types, TaskCompletionSource<PinEventTypes> Completion)> _waiters = [];

    public bool IsOpen { get; set; }

    public PinMode Mode { get; set; } = PinMode.Input;

    /// <summary>What the outside world drives onto the pin; <c>null</c> when nothing does.</summary>
    public PinValue? Driven { get; set; }

    public PinValue Output { get; set; } = PinValue.Low;

    public PinValue Level => Mode switch
    {
        PinMode.Output => Output,
        _ when Driven is { } driven => driven,
        PinMode.InputPullUp => PinValue.High,
        _ => PinValue.Low,
    };

    public void AddHandler(PinEventTypes types, PinChangeEventHandler handler) => _handlers.Add((types, handler));

    public void RemoveHandler(PinChangeEventHandler handler) => _handlers.RemoveAll(h => h.Handler == handler);

    public void ClearHandlers() => _handlers.Clear();

    public List<PinChangeEventHandler> HandlersFor(PinEventTypes edge) =>
        _handlers.Where(h => (h.Types & edge) != 0).Select(h => h.Handler).ToList();

    public Task<PinEventTypes> AddWaiter(PinEventTypes types)
    {
        var completion = new TaskCompletionSource<PinEventTypes>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Add((types, completion));
        return completion.Task;
    }

    public void RemoveWaiter(Task<PinEventTypes> waiter) => _waiters.RemoveAll(w => w.Completion.Task == waiter);

    public void SignalWaiters(PinEventTypes edge)
    {
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            if ((_waiters[i].Types & edge) != 0)
            {
                _waiters[i].Completion.TrySetResult(edge);
                _waiters.RemoveAt(i);
            }
        }
    }
}
