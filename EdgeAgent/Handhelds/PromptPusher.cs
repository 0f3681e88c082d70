using CloudBridge.Outbox;
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
    ILogger<PromptPusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await signal.Wakes.WaitToReadAsync(stoppingToken))
            {
                signal.Wakes.TryRead(out _);
                await PushOnceAsync(stoppingToken);
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
            pushes = await store.WriteAsync(workflow.Refresh, cancellationToken);
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
