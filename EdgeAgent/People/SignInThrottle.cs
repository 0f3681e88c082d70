using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace EdgeAgent.People;

/// <summary>
/// Slows repeated failed sign-ins per key (a client address, a name, a bearer-token client): after
/// <see cref="PeopleOptions.FreeFailures"/> failures each further one locks the key for a back-off that doubles,
/// up to <see cref="PeopleOptions.MaxBackoffSeconds"/>. Asked before any password is hashed.
/// </summary>
public sealed class SignInThrottle(IOptions<PeopleOptions> options, TimeProvider time)
{
    /// <summary>Keys tracked at most; past it, expired ones are forgotten and, if still full, new keys are not tracked.</summary>
    public const int MaxTracked = 10_000;

    private readonly ConcurrentDictionary<string, Failures> _keys = new(StringComparer.Ordinal);

    public static string Client(string? address) => "client:" + (address ?? "unknown");

    public static string Name(string name) => "name:" + Person.KeyOf(name);

    public static string Bearer(string? address) => "bearer:" + (address ?? "unknown");

    /// <summary>How long <paramref name="key"/> must wait before it may try again; null when it may try now.</summary>
    public TimeSpan? RetryAfter(string key)
    {
        if (!_keys.TryGetValue(key, out var failures))
        {
            return null;
        }

        lock (failures)
        {
            var wait = failures.LockedUntil - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : null;
        }
    }

    /// <summary>Counts a failure; returns the back-off it starts, or null while the key still has free failures.</summary>
    public TimeSpan? Failed(string key)
    {
        var now = time.GetUtcNow();
        if (!_keys.TryGetValue(key, out var failures))
        {
            if (_keys.Count >= MaxTracked)
            {
                Forget(now);
                if (_keys.Count >= MaxTracked)
                {
                    return null;
                }
            }

            failures = _keys.GetOrAdd(key, _ => new Failures());
        }

        lock (failures)
        {
            var o = options.Value;
            if (now - failures.Last > TimeSpan.FromSeconds(o.MaxBackoffSeconds * 2L))
            {
                failures.Count = 0;
            }

            failures.Count++;
            failures.Last = now;
            var over = failures.Count - o.FreeFailures;
            if (over <= 0)
            {
                return null;
            }

            var seconds = Math.Min(o.MaxBackoffSeconds, o.BackoffSeconds * Math.Pow(2, Math.Min(over - 1, 30)));
            var backoff = TimeSpan.FromSeconds(seconds);
            failures.LockedUntil = now + backoff;
            return backoff;
        }
    }

    /// <summary>A success clears the key's failures.</summary>
    public void Succeeded(string key) => _keys.TryRemove(key, out _);

    private void Forget(DateTimeOffset now)
    {
        var quiet = TimeSpan.FromSeconds(options.Value.MaxBackoffSeconds * 2L);
        foreach (var (key, failures) in _keys)
        {
            lock (failures)
            {
                if (failures.LockedUntil <= now && now - failures.Last > quiet)
                {
                    _keys.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed class Failures
    {
        public int Count { get; set; }

        public DateTimeOffset Last { get; set; }

        public DateTimeOffset LockedUntil { get; set; }
    }
}
