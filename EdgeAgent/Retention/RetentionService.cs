using EdgeAgent.Storage;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Retention;

/// <summary>Runs a retention pass a minute after start, then every <see cref="RetentionOptions.CheckMinutes"/>, on the injected clock.</summary>
public sealed partial class RetentionService(StoreRetention retention, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionService> logger) : BackgroundService
{
    internal static readonly TimeSpan FirstPassDelay = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            LogOff(logger);
            return;
        }

        try
        {
            await Task.Delay(FirstPassDelay, time, stoppingToken);
            using var timer = new PeriodicTimer(options.Value.CheckInterval, time);
            do
            {
                try
                {
                    await retention.RunOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is StoreFaultedException or ObjectDisposedException or LiteDB.LiteException or InvalidOperationException or IOException || SpaceRefusal.Is(ex))
                {
                    // The store refuses writes (a fault, a full disk): the next round tries again; the loop never dies of it.
                    LogPassFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Retention is off (Store:Retention:Enabled=false): the store keeps everything and grows without bound")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "A retention pass stopped early; the next one tries again")]
    private static partial void LogPassFailed(ILogger logger, Exception error);
}
