using System.Collections.Concurrent;

namespace EdgeAgent.Drivers.Logging;

/// <summary>
/// Lets one log event per key through per window, and tells the caller how many were held back,
/// so a device that floods bad input costs one line a minute, not one per message.
/// </summary>
public sealed class LogRateLimiter
{
    // Bounded so that a flood of distinct client ids cannot grow memory without limit; clearing
    // only means a key may log once more than strictly needed.
    private const int MaxKeys = 10_000;

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _period;

    public LogRateLimiter(TimeProvider timeProvider, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        _period = period;
    }

    /// <summary>True when the caller should log now; <paramref name="suppressed"/> counts the events held back since the last line.</summary>
    public bool ShouldLog(string key, out long suppressed)
    {
        var now = _timeProvider.GetTimestamp();
        if (_windows.Count > MaxKeys)
        {
            _windows.Clear();
        }

        var window = _windows.GetOrAdd(key, static _ => new Window());
        lock (window)
        {
            if (window.HasLogged && _timeProvider.GetElapsedTime(window.LastLogged, now) < _period)
            {
                window.Suppressed++;
                suppressed = 0;
                return false;
            }

            suppressed = window.Suppressed;
            window.Suppressed = 0;
            window.LastLogged = now;
            window.HasLogged = true;
            return true;
        }
    }

    private sealed class Window
    {
        public bool HasLogged;
        public long LastLogged;
        public long Suppressed;
    }
}
