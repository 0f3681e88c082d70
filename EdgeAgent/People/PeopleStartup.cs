using EdgeAgent.Audit;
using EdgeAgent.Storage;

namespace EdgeAgent.People;

/// <summary>
/// At start: appends the audit records of changes <c>EdgeAgent users</c> made while the agent was stopped, forgets
/// ended sessions and those of changed people, and loads the live ones into the <see cref="SessionBook"/>. Once the host
/// has started (other start-up services, such as the demo's, may add people), warns if nobody can sign in.
/// </summary>
internal sealed partial class PeopleStartup(DurableStore store, AuditLog audit, SessionBook sessions, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<PeopleStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var (audited, live, people) = await store.WriteAsync(
            db =>
            {
                var collections = new PeopleCollections(db);
                var changes = collections.Changes.FindAll().OrderBy(c => c.Id).ToList();
                foreach (var change in changes)
                {
                    PeopleAudit.Changed(audit, db, change);
                    collections.Changes.Delete(change.Id);
                }

                var byId = collections.People.FindAll().ToDictionary(p => p.Id, StringComparer.Ordinal);
                var kept = new List<SessionBook.Entry>();
                foreach (var session in collections.Sessions.FindAll().ToList())
                {
                    if (session.EndsAt.ToUniversalTime() <= now || !byId.TryGetValue(session.PersonId, out var person) || person.Stamp != session.Stamp)
                    {
                        collections.Sessions.Delete(session.Id);
                        continue;
                    }

                    kept.Add(new SessionBook.Entry(session.Id, person.Name, person.Role, session.Csrf, session.EndsAt.ToUniversalTime()));
                }

                return (changes.Count, kept, byId.Count);
            },
            cancellationToken);
        foreach (var entry in live)
        {
            sessions.Add(entry);
        }

        Log.Started(logger, people, live.Count, audited);
        if (people == 0)
        {
            lifetime.ApplicationStarted.Register(WarnIfNobodyCanSignIn);
        }
    }

    private void WarnIfNobodyCanSignIn()
    {
        if (store.Read(db => new PeopleCollections(db).People.Count()) == 0)
        {
            Log.NoPeople(logger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Console: {People} people, {Sessions} live session(s); {Audited} offline change(s) added to the audit chain")]
        public static partial void Started(ILogger logger, int people, int sessions, int audited);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Console: nobody can sign in yet; create the first admin with `EdgeAgent setup --admin <name>` (or `users add --name <name> --role admin`) while the agent is stopped")]
        public static partial void NoPeople(ILogger logger);
    }
}
