using CloudBridge.Outbox;
using EdgeAgent.Drivers.Presence;
using EdgeAgent.Fulfilment;
using EdgeAgent.Storage;

namespace EdgeAgent.Handhelds;

/// <summary>
/// Sends pickers the prompts the floor gives them without their asking: on each wake-up from
/// <see cref="PromptPushSignal"/>, one store write brings every logged-in picker's screen up to date
/// (<see cref="PickWorkflow.Refresh"/>), and once it is on disk the changed prompts go out.
/// </summary>
public sealed partial class PromptPusher(
    PromptPushSignal signal,
    DurableStore store,
    PickWorkflow workflow,
    HandheldLoop loop,
    ILogger<PromptPusher> logger,
    PresenceTracker? presence = null) : BackgroundService
{
    private const string HandheldKind = "handheld";

    private int _busy;
    private long _rounds;

    /// <summary>
    /// No wake-up waiting and no round under way: every prompt the floor's changes call for so far has been sent
    /// (the shift scenario waits for it before it moves its virtual clock).
    /// </summary>
    internal bool Quiet => Volatile.Read(ref _busy) == 0 && !signal.Wakes.TryPeek(out _);

    /// <summary>Rounds made since start.</summary>
    internal long Rounds => Interlocked.Read(ref _rounds);

    private volatile TaskCompletionSource? _held;

    /// <summary>
    /// Holds the pushes until <see cref="Resume"/>: wake-ups wait (one round follows). The shift scenario holds them
    /// while central's commands of one release are applied one by one, so idle pickers are pushed work once the whole
    /// release is on the floor rather than at whichever command the push happened to follow.
    /// </summary>
    internal void Hold() => _held ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    internal void Resume()
    {
        var held = _held;
        _held = null;
        held?.TrySetResult();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await signal.Wakes.WaitToReadAsync(stoppingToken))
            {
                if (_held is { } held)
                {
                    await held.Task.WaitAsync(stoppingToken);
                }

                // Busy before the wake is taken, so Quiet never sees neither.
                Volatile.Write(ref _busy, 1);
                try
                {
                    signal.Wakes.TryRead(out _);
                    await PushOnceAsync(stoppingToken);
                }
                finally
                {
                    Interlocked.Increment(ref _rounds);
                    Volatile.Write(ref _busy, 0);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task PushOnceAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<PushedPrompt> pushes;
        try
        {
            // A picker whose handheld is offline or silent gets no new work pushed (see PickSteps.Refresh).
            Func<string, bool>? away = presence is null ? null : device => presence.IsAway(HandheldKind, device);
            pushes = await store.WriteAsync(db => workflow.Refresh(db, away), cancellationToken);
        }
        catch (OutboxFullException ex)
        {
            // Nothing was applied; pickers keep their screens and get work on their next message.
            LogNotRefreshed(logger, ex.Message);
            return;
        }
        catch (StoreFaultedException ex)
        {
            LogNotRefreshed(logger, ex.Message);
            return;
        }

        foreach (var push in pushes)
        {
            await loop.PushAsync(push, cancellationToken);
            LogPushed(logger, push.DeviceId, push.Prompt.Push ?? 0, push.Prompt.Kind, push.Prompt.Text);
        }
    }

    [LoggerMessage(EventId = 25, Level = LogLevel.Information, Message = "{Device} push #{Push} -> {Kind}: {Text}")]
    private static partial void LogPushed(ILogger logger, string device, long push, Drivers.Handhelds.PromptKind kind, string text);

    [LoggerMessage(EventId = 26, Level = LogLevel.Warning, Message = "Pickers' screens not brought up to date: {Reason}")]
    private static partial void LogNotRefreshed(ILogger logger, string reason);
}
