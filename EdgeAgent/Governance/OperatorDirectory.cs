using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using EdgeAgent.Drivers.Mqtt;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Governance;

/// <summary>
/// Finds the operator a bearer token belongs to. PBKDF2 is slow on purpose, so a verified token is
/// remembered (by its SHA-256, never in clear) and later requests cost one hash. So is a refused one, and
/// the slow checks run one at a time: a stream of bad tokens can burn one core at most, and a repeated
/// bad token costs one hash.
/// </summary>
public sealed class OperatorDirectory(IOptions<GovernanceOptions> options)
{
    private const int MaxCached = 1024;
    private readonly KeyValuePair<string, OperatorOptions>[] _operators = [.. options.Value.Operators];
    private readonly ConcurrentDictionary<string, Identity> _verified = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _refused = new(StringComparer.Ordinal);
    private readonly Lock _slowChecks = new();
    private long _slowCheckCount;

    /// <summary>How many tokens went through the slow PBKDF2 checks (the rest were answered from memory).</summary>
    public long SlowChecks => Interlocked.Read(ref _slowCheckCount);

    /// <summary>An authenticated operator.</summary>
    public sealed record Identity(string Name, OperatorRole Role);

    public Identity? Find(string token) => Find(token, static () => true, out _);

    /// <summary>
    /// The operator <paramref name="token"/> belongs to, or null. A token not seen before needs the slow check, which runs
    /// only when <paramref name="maySlowCheck"/> allows it; otherwise <paramref name="deferred"/> is true and nothing was hashed.
    /// </summary>
    public Identity? Find(string token, Func<bool> maySlowCheck, out bool deferred)
    {
        ArgumentNullException.ThrowIfNull(maySlowCheck);
        deferred = false;
        if (string.IsNullOrEmpty(token) || token.Length > 512)
        {
            return null;
        }

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        if (_verified.TryGetValue(key, out var known))
        {
            return known;
        }

        if (_refused.ContainsKey(key))
        {
            return null;
        }

        if (!maySlowCheck())
        {
            deferred = true;
            return null;
        }

        lock (_slowChecks)
        {
            Interlocked.Increment(ref _slowCheckCount);
            foreach (var (name, op) in _operators)
            {
                if (PasswordHash.Verify(token, op.TokenHash))
                {
                    var found = new Identity(name, Enum.Parse<OperatorRole>(op.Role!, ignoreCase: true));
                    if (_verified.Count < MaxCached)
                    {
                        _verified[key] = found;
                    }

                    return found;
                }
            }

            if (_refused.Count < MaxCached)
            {
                _refused[key] = true;
            }

            return null;
        }
    }
}
