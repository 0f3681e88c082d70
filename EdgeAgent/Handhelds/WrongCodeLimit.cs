namespace EdgeAgent.Handhelds;

/// <summary>
/// Counts wrong enrolment codes per minute across all callers, so a guesser gets a few dozen tries in a code's life
/// instead of millions; the page a handheld opens is not signed in.
/// </summary>
internal sealed class WrongCodeLimit(TimeProvider time, int perMinute)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _windowStart;
    private int _count;

    public bool IsExceeded()
    {
        lock (_gate)
        {
            Roll();
            return _count >= perMinute;
        }
    }

    public void Count()
    {
        lock (_gate)
        {
            Roll();
            _count++;
        }
    }

    private void Roll()
    {
        var now = time.GetUtcNow();
        if (now - _windowStart >= TimeSpan.FromMinutes(1))
        {
            _windowStart = now;
            _count = 0;
        }
    }
}
