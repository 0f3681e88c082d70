using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace CloudBridge.Uplink;

/// <summary>The reconnect policy shared by uplink and downlink: capped exponential backoff with jitter around a circuit breaker.</summary>
public static class BridgeResilience
{
    /// <summary>
    /// Retries forever (the outbox keeps everything) with delays capped at <see cref="UplinkOptions.MaxBackoff"/>;
    /// the breaker sits inside the retry so an open circuit is waited out, not hammered.
    /// </summary>
    public static ResiliencePipeline Reconnect(UplinkOptions options, TimeProvider time, Action<string, bool>? onCircuit = null, Action<Exception?, TimeSpan>? onRetry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var shouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException || ex is TimeoutRejectedException);
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException || ex is TimeoutRejectedException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.InitialBackoff,
                MaxDelay = options.MaxBackoff,
                OnRetry = args =>
                {
                    onRetry?.Invoke(args.Outcome.Exception, args.RetryDelay);
                    return default;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = shouldHandle,
                FailureRatio = 1.0,
                MinimumThroughput = 5,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = options.BreakDuration,
                OnOpened = _ =>
                {
                    onCircuit?.Invoke("opened", true);
                    return default;
                },
                OnClosed = _ =>
                {
                    onCircuit?.Invoke("closed", false);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>
    /// Runs <paramref name="body"/> through the reconnect pipeline until stopping. Whatever escapes the retry
    /// (a cancellation that was not ours) is reported and the loop starts again after a short pause: a
    /// BackgroundService that throws would stop the agent's whole host.
    /// </summary>
    public static async Task RunUntilStoppedAsync(
        ResiliencePipeline reconnect,
        Func<CancellationToken, ValueTask> body,
        UplinkOptions options,
        TimeProvider time,
        Action<Exception> onEscaped,
        CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(reconnect);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onEscaped);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await reconnect.ExecuteAsync(body, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                onEscaped(ex);
                try
                {
                    await Task.Delay(options.MaxBackoff, time, stopping);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Per-call timeout for opening a stream (until central sends response headers).</summary>
    public static ResiliencePipeline Connect(UplinkOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddTimeout(options.ConnectTimeout)
            .Build();
    }
}
