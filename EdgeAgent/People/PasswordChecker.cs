using System.Security.Cryptography;
using EdgeAgent.Drivers.Mqtt;
using Microsoft.Extensions.Options;

namespace EdgeAgent.People;

/// <summary>
/// The slow password hash of console sign-in (PBKDF2-SHA256, a random salt per person, constant-time compare).
/// One check runs at a time and few may wait, so a flood of sign-ins cannot hold more than one core; an unknown
/// name is checked against a decoy hash so it costs (and answers) the same as a wrong password.
/// </summary>
public sealed class PasswordChecker(IOptions<PeopleOptions> options) : IDisposable
{
    /// <summary>Checks allowed to wait for the running one; more are answered "too many attempts" at once.</summary>
    public const int MaxWaiting = 8;

    private readonly SemaphoreSlim _slow = new(1, 1);
    private readonly Lazy<string> _decoy = new(() => PasswordHash.Create(Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)), options.Value.PasswordIterations));
    private int _waiting;
    private long _verifications;

    /// <summary>How many passwords went through PBKDF2 to be checked (tests prove throttling by it).</summary>
    public long Verifications => Interlocked.Read(ref _verifications);

    /// <summary>A new salted hash with the configured iterations.</summary>
    public string Hash(string password) => PasswordHash.Create(password, options.Value.PasswordIterations);

    /// <summary>
    /// True when <paramref name="password"/> matches <paramref name="encoded"/> (the decoy when null: always false);
    /// null when too many checks are already waiting.
    /// </summary>
    public async Task<bool?> VerifyAsync(string password, string? encoded, CancellationToken ct)
    {
        if (Interlocked.Increment(ref _waiting) > MaxWaiting)
        {
            Interlocked.Decrement(ref _waiting);
            return null;
        }

        try
        {
            await _slow.WaitAsync(ct);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        try
        {
            Interlocked.Increment(ref _verifications);
            var matches = PasswordHash.Verify(password, encoded ?? _decoy.Value);
            return matches && encoded is not null;
        }
        finally
        {
            _slow.Release();
        }
    }

    public void Dispose() => _slow.Dispose();
}
