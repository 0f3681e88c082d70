using System.Security.Cryptography;
using EdgeAgent.Audit;
using EdgeAgent.Storage;
using Microsoft.Extensions.Options;

namespace EdgeAgent.People;

/// <summary>
/// Signs a person in and out: the throttle is asked before any password is hashed, a success starts a stored
/// session (with its anti-forgery token) and its audit record in one write, and a failure counts against both the
/// client address and the name.
/// </summary>
public sealed partial class ConsoleSignIn(
    DurableStore store, AuditLog audit, PasswordChecker passwords, SignInThrottle throttle, SessionBook sessions,
    IOptions<PeopleOptions> options, TimeProvider time, ILogger<ConsoleSignIn> logger)
{
    private readonly LogBudget _lockoutLines = new(time, perMinute: 10);

    public async Task<SignInOutcome> SignInAsync(string name, string password, string? client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(password);
        var clientKey = SignInThrottle.Client(client);
        var nameKey = SignInThrottle.Name(name);
        var wait = Max(throttle.RetryAfter(clientKey), throttle.RetryAfter(nameKey));
        if (wait is not null)
        {
            return new SignInOutcome(SignInStatus.TooManyAttempts, RetryAfter: wait);
        }

        var person = PeopleBook.NameProblem(name) is null ? store.Read(db => new PeopleCollections(db).People.FindById(Person.KeyOf(name))) : null;
        var matches = await passwords.VerifyAsync(password, person?.PasswordHash, ct);
        if (matches is null)
        {
            return new SignInOutcome(SignInStatus.TooManyAttempts, RetryAfter: TimeSpan.FromSeconds(1));
        }

        if (matches is false || person is null)
        {
            Failed(clientKey, client, name);
            return new SignInOutcome(SignInStatus.BadCredentials);
        }

        throttle.Succeeded(clientKey);
        throttle.Succeeded(nameKey);
        var now = time.GetUtcNow().UtcDateTime;
        var session = new ConsoleSession
        {
            Id = Secret(),
            PersonId = person.Id,
            Stamp = person.Stamp,
            Csrf = Secret(),
            SignedInAt = now,
            EndsAt = now.AddHours(options.Value.SessionHours),
        };
        await store.WriteAsync(
            db =>
            {
                new PeopleCollections(db).Sessions.Insert(session);
                return PeopleAudit.SignedIn(audit, db, person.Name, client);
            },
            ct);
        var entry = new SessionBook.Entry(session.Id, person.Name, person.Role, session.Csrf, session.EndsAt);
        sessions.Add(entry);
        Log.SignedIn(logger, person.Name, person.Role, client);
        return new SignInOutcome(SignInStatus.SignedIn, entry);
    }

    /// <summary>Ends the session and records who signed out; false when it had already ended.</summary>
    public async Task<bool> SignOutAsync(string sessionId, CancellationToken ct)
    {
        if (sessions.Find(sessionId) is not { } entry || !sessions.Remove(sessionId))
        {
            return false;
        }

        await store.WriteAsync(
            db =>
            {
                new PeopleCollections(db).Sessions.Delete(sessionId);
                return PeopleAudit.SignedOut(audit, db, entry.Name);
            },
            ct);
        Log.SignedOut(logger, entry.Name);
        return true;
    }

    private void Failed(string clientKey, string? client, string name)
    {
        var byClient = throttle.Failed(clientKey);
        var byName = throttle.Failed(SignInThrottle.Name(name));
        if (Max(byClient, byName) is { } backoff && _lockoutLines.Take() is { } suppressed)
        {
            Log.LockedOut(logger, name, client, backoff.TotalSeconds, suppressed);
        }
    }

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : (a > b ? a : b);

    private static string Secret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Name} signed in to the console as {Role} from {Client}")]
        public static partial void SignedIn(ILogger logger, string name, PersonRole role, string? client);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Name} signed out of the console")]
        public static partial void SignedOut(ILogger logger, string name);

        [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Repeated failed sign-ins for {Name} from {Client}: further attempts wait {BackoffSeconds:0} s ({Suppressed} similar line(s) suppressed since the last)")]
        public static partial void LockedOut(ILogger logger, string name, string? client, double backoffSeconds, long suppressed);
    }
}
