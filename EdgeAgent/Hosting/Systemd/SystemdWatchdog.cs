using EdgeAgent.Web;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Hosting.Systemd;

/// <summary>
/// Tells systemd READY=1 once /readyz would answer 200 (not merely when the host has started), then
/// feeds its watchdog only while <see cref="Liveness"/> finds nothing wedged, so a stuck writer gets
/// the process restarted. Does nothing when not run by systemd.
/// </summary>
internal sealed partial class SystemdWatchdog(
    IOptions<SystemdNotifyOptions> options,
    IHostApplicationLifetime lifetime,
    Readiness readiness,
    Liveness liveness,
    TimeProvider time,
    ILogger<SystemdWatchdog> logger) : BackgroundService
{
    private static readonly TimeSpan ReadinessPoll = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.NotifySocket is not { } path)
        {
            return;
        }

        using var socket = new NotifySocket(path);
        using var stopping = lifetime.ApplicationStopping.Register(() => Send(socket, "STOPPING=1"));
        try
        {
            await WhenStartedAsync(stoppingToken);
            await WhenReadyAsync(stoppingToken);
            Send(socket, "READY=1");
            LogReportedReady(logger);
            if (options.Value.WatchdogTimeout is { } timeout)
            {
                await FeedAsync(socket, timeout, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: STOPPING=1 has been sent.
        }
    }

    private Task WhenStartedAsync(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(cancellationToken);
    }

    private async Task WhenReadyAsync(CancellationToken cancellationToken)
    {
        while ((await readiness.ProblemsAsync(cancellationToken)).Count > 0)
        {
            await Task.Delay(ReadinessPoll, time, cancellationToken);
        }
    }

    private async Task FeedAsync(NotifySocket socket, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Three chances per watchdog period, as sd_watchdog_enabled(3) advises (at least two).
        var period = timeout / 3;
        using var timer = new PeriodicTimer(period, time);
        var wasWedged = false;
        do
        {
            var problems = await liveness.ProblemsAsync(period, cancellationToken);
            if (problems.Count == 0)
            {
                Send(socket, "WATCHDOG=1");
                if (wasWedged)
                {
                    LogRecovered(logger);
                }
            }
            else if (!wasWedged)
            {
                LogWedged(logger, string.Join("; ", problems), timeout.TotalSeconds);
            }

            wasWedged = problems.Count > 0;
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    private void Send(NotifySocket socket, string state)
    {
        try
        {
            socket.Send(state);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            LogSendFailed(logger, state, ex);
        }
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Reported ready to systemd")]
    private static partial void LogReportedReady(ILogger logger);

    [LoggerMessage(EventId = 41, Level = LogLevel.Error, Message = "Not feeding the systemd watchdog: {Problems}. systemd restarts the agent after {Timeout} s unless this clears")]
    private static partial void LogWedged(ILogger logger, string problems, double timeout);

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "Feeding the systemd watchdog again")]
    private static partial void LogRecovered(ILogger logger);

    [LoggerMessage(EventId = 43, Level = LogLevel.Warning, Message = "Could not send {State} to systemd")]
    private static partial void LogSendFailed(ILogger logger, string state, Exception exception);
}
