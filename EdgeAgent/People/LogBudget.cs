namespace EdgeAgent.People;

/// <summary>At most so many log lines a minute for a fact an attacker can repeat; counts what it held back.</summary>
internal sealed class LogBudget(TimeProvider time, int perMinute)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _window;
    private int _used;
    private long _suppressed;

    /// <summary>The number of lines suppressed since the last allowed one, or null when this one is suppressed too.</summary>
    public long? Take()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (now - _window >= TimeSpan.FromMinutes(1))
            {
                _window = now;
                _used = 0;
            }

            if (_used >= perMinute)
            {
                _suppressed++;
                return null;
            }

            _used++;
            var suppressed = _suppressed;
            _suppressed = 0;
            return suppressed;
        }
    }
}
