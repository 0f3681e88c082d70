using System.Collections.Concurrent;
using System.Security.Claims;

namespace EdgeAgent.People;

/// <summary>
/// The live console sessions, mirrored from the store (loaded at start, changed with each sign-in and sign-out),
/// so checking a request's session costs no store read.
/// </summary>
public sealed class SessionBook(TimeProvider time)
{
    public const string SessionClaim = "edgeagent:session";
    public const string CsrfClaim = "edgeagent:csrf";

    private readonly ConcurrentDictionary<string, Entry> _sessions = new(StringComparer.Ordinal);

    /// <summary>A live session: who, their role, the anti-forgery token and when it ends at the latest.</summary>
    public sealed record Entry(string Id, string Name, PersonRole Role, string Csrf, DateTime EndsAt)
    {
        /// <summary>The principal a request of this session carries; the role is the person's current one.</summary>
        public ClaimsPrincipal Principal(string scheme) => new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, Name),
                new Claim(ClaimTypes.Role, Role.ToString()),
                new Claim(SessionClaim, Id),
                new Claim(CsrfClaim, Csrf),
            ],
            scheme));
    }

    public int Count => _sessions.Count;

    public void Add(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _sessions[entry.Id] = entry;
    }

    public bool Remove(string id) => _sessions.TryRemove(id, out _);

    /// <summary>The session if it is live; an ended one is forgotten.</summary>
    public Entry? Find(string? id)
    {
        if (id is null || !_sessions.TryGetValue(id, out var entry))
        {
            return null;
        }

        if (entry.EndsAt <= time.GetUtcNow().UtcDateTime)
        {
            _sessions.TryRemove(id, out _);
            return null;
        }

        return entry;
    }
}
