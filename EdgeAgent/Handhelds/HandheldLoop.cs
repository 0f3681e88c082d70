using CloudBridge.Outbox;
using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Drivers.Logging;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Drivers.Presence;
using EdgeAgent.Fulfilment;
using EdgeAgent.Hosting;
using EdgeAgent.Storage;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Handhelds;

/// <summary>
/// The seam between the handheld gateway (device vocabulary) and the pick workflow: each message
/// is handled inside a store write and answered once that write is on disk.
/// </summary>
public sealed partial class HandheldLoop(
    HandheldGatewayFactory gateways,
    DurableStore store,
    PickWorkflow workflow,
    ILoggerFactory loggers,
    TimeProvider? time = null) : IHostedService, IAsyncDisposable
{
    /// <summary>The lane of the store's acknowledgement record that counts handheld messages.</summary>
    internal const string PicksLane = "picks";

    private static readonly TimeSpan FirstConnectWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RefusalLogWindow = TimeSpan.FromMinutes(1);
    private readonly ILogger _logger = loggers.CreateLogger<HandheldLoop>();

    // A device that floods stale or refused messages costs one line per kind a minute, as the parser's rejections do.
    private readonly LogRateLimiter _refusalLog = new(time ?? TimeProvider.System, RefusalLogWindow);
    private HandheldGateway? _gateway;

    public bool IsConnected => _gateway?.IsConnected == true;

    public HandheldGatewayCounters? Counters => _gateway?.Counters;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _gateway = gateways.Create();
        await _gateway.StartAsync(HandleAsync, cancellationToken);

        // Ready means answering: wait a little for the first connection, but an external broker that
        // is down must not keep the agent from starting (it keeps reconnecting; /readyz says so).
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(FirstConnectWait);
        try
        {
            await _gateway.WaitUntilConnectedAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogNotConnectedYet(_logger, _gateway.Connection.Host, _gateway.Connection.Port);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        // Stops taking messages and waits for those in flight to be stored and answered.
        DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        // The container disposes this once as a singleton and once as a hosted service.
        if (Interlocked.Exchange(ref _gateway, null) is { } gateway)
        {
            await gateway.DisposeAsync();
        }
    }

    /// <summary>Sends a prompt the agent decided on its own; dropped when not connected (the device's next resend gets it).</summary>
    internal Task PushAsync(PushedPrompt push, CancellationToken cancellationToken) =>
        _gateway is { } gateway ? gateway.PushPromptAsync(push.DeviceId, push.Prompt, cancellationToken) : Task.CompletedTask;

    internal async Task<HandheldPrompt> HandleAsync(HandheldMessage message, CancellationToken cancellationToken)
    {
        PickOutcome outcome;
        try
        {
            outcome = await store.WriteAsync(db => workflow.Handle(db, message), new AckMark(message.DeviceId, PicksLane, message.Seq), cancellationToken);
        }
        catch (Exception ex) when (SpaceRefusal.Is(ex))
        {
            // The outbox is at its quota (central unreachable for long) or the data disk is under its floor:
            // business events are never shed, so the floor is told to wait instead. Nothing was applied (the
            // ledger did not move either), so the picker repeats the step and the handheld sends it with its next seq.
            if (_refusalLog.ShouldLog($"{message.DeviceId}\nspace", out var suppressed))
            {
                LogBackpressure(_logger, message.DeviceId, message.Seq, ex.Message, suppressed);
            }

            return HandheldPrompt.ForError(message.Seq, HandheldErrorCode.StorageFull, ex is OutboxFullException
                ? "Not saved: the gateway cannot store more until central is reachable again. Wait a moment and do it again"
                : "Not saved: the gateway's disk is full. Wait a moment and do it again; your supervisor is alerted");
        }

        var prompt = outcome.Prompt;
        if (outcome.Redelivered)
        {
            if (_refusalLog.ShouldLog($"{message.DeviceId}\nredelivered", out var suppressed))
            {
                LogRedelivered(_logger, message.DeviceId, message.Seq, suppressed);
            }
        }
        else if (prompt.Kind == PromptKind.Error)
        {
            if (_refusalLog.ShouldLog($"{message.DeviceId}\n{prompt.Error}", out var suppressed))
            {
                LogRefused(_logger, message.DeviceId, message.Seq, message.Type, prompt.Error, prompt.Text, suppressed);
            }
        }
        else
        {
            LogAnswered(_logger, message.DeviceId, message.Seq, message.Type, prompt.Kind, prompt.Text);
        }

        return prompt;
    }

    [LoggerMessage(EventId = 24, Level = LogLevel.Error, Message = "{Device} #{Seq} not applied, told to retry (storage-full): {Reason} ({Suppressed} similar refusals not logged)")]
    private static partial void LogBackpressure(ILogger logger, string device, long seq, string reason, long suppressed);

    [LoggerMessage(EventId = 23, Level = LogLevel.Warning, Message = "Not connected to the MQTT broker at {Host}:{Port} yet; still trying, handhelds are not answered until then")]
    private static partial void LogNotConnectedYet(ILogger logger, string host, int port);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "{Device} #{Seq} {Type} -> {Kind}: {Text}")]
    private static partial void LogAnswered(ILogger logger, string device, long seq, HandheldMessageType type, PromptKind kind, string text);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "{Device} #{Seq} {Type} refused ({Error}): {Text} ({Suppressed} similar refusals not logged)")]
    private static partial void LogRefused(ILogger logger, string device, long seq, HandheldMessageType type, HandheldErrorCode? error, string text, long suppressed);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "{Device} #{Seq} redelivered: answered again from the ledger, not applied twice ({Suppressed} similar redeliveries not logged)")]
    private static partial void LogRedelivered(ILogger logger, string device, long seq, long suppressed);
}
