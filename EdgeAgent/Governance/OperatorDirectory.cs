using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using EdgeAgent.Drivers.Mqtt;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Governance;

/// <summary>
/// Finds the operator a bearer token belongs to. PBKDF2 is slow on purpose, so a verified token is
/// remembered (by its SHA-256, never in clear) and later requests cost one hash.
/// </summary>
public sealed class OperatorDirectory(IOptions<GovernanceOptions> options)
{
    private const int MaxCached = 1024;
    private readonly KeyValuePair<string, OperatorOptions>[] _operators = [.. options.Value.Operators];
    private readonly ConcurrentDictionary<string, Identity> _verified = new(StringComparer.Ordinal);

    /// <summary>An authenticated operator.</summary>
    public sealed record Identity(string Name, OperatorRole Role);

    public Identity? Find(string token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 512)
        {
            return null;
        }

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        if (_verified.TryGetValue(key, out var known))
        {
            return known;
        }

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

        return null;
    }
}
