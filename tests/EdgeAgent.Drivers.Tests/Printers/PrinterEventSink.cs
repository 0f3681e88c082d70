using EdgeAgent.Drivers.Printers;

namespace EdgeAgent.Drivers.Tests.Printers;

/// <summary>Collects a group's events and lets a test wait for the first one that matches, whenever it came.</summary>
internal sealed class PrinterEventSink
{
    private readonly List<PrinterEvent> _events = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<PrinterEvent> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public ValueTask OnEventAsync(PrinterEvent printerEvent, CancellationToken cancellationToken)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _events.Add(printerEvent);
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
        return ValueTask.CompletedTask;
    }

    public async Task<T> WaitForAsync<T>(Func<T, bool>? match = null)
        where T : PrinterEvent
    {
        using var guard = new CancellationTokenSource(Infrastructure.Guard.Timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_events.OfType<T>().FirstOrDefault(e => match?.Invoke(e) ?? true) is { } found)
                {
                    return found;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(guard.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No {typeof(T).Name} matched. Events so far:\n{string.Join('\n', All)}");
            }
        }
    }
}
