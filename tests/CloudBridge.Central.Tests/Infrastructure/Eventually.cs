namespace CloudBridge.Central.Tests.Infrastructure;

/// <summary>Waits for a condition with a generous guard; the guard only bounds a broken run, it asserts no timing.</summary>
public static class Eventually
{
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    public static async Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan? guard = null)
    {
        var deadline = DateTime.UtcNow + (guard ?? Guard);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Gave up waiting for: " + what);
            }

            await Task.Delay(20);
        }
    }

    public static Task WaitAsync(Func<bool> condition, string what, TimeSpan? guard = null) =>
        WaitAsync(() => Task.FromResult(condition()), what, guard);
}
