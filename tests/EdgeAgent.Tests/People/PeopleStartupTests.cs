using EdgeAgent.Audit;
using EdgeAgent.People;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Handhelds;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Tests.People;

public sealed class PeopleStartupTests : IAsyncLifetime
{
    private const string NobodyCanSignIn = "nobody can sign in yet";

    private readonly string _directory = Directory.CreateTempSubdirectory("edgeagent-people-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggers;
    private readonly Lifetime _lifetime = new();
    private readonly DurableStore _store;

    public PeopleStartupTests()
    {
        _store = DurableStore.Open(new StoreOptions { DataDirectory = _directory }, NullLogger<DurableStore>.Instance, _time);
        _loggers = LoggerFactory.Create(b => b.AddProvider(_logs));
    }

    [Fact]
    public async Task APersonAddedByAnotherStartUpService_SilencesTheNobodyCanSignInWarning()
    {
        await StartAsync();
        // As the demo does: its own start-up service adds the console's people after this one has run.
        await _store.WriteAsync(db => PeopleBook.Add(db, "demo-supervisor", PersonRole.Supervisor, "hash", DateTime.UtcNow, "demo"));
        _lifetime.Started();

        Assert.DoesNotContain(_logs.Lines, l => l.Contains(NobodyCanSignIn, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AStoreWithNobodyInIt_IsWarnedAbout_OnceTheHostHasStarted()
    {
        await StartAsync();
        Assert.DoesNotContain(_logs.Lines, l => l.Contains(NobodyCanSignIn, StringComparison.Ordinal));

        _lifetime.Started();

        Assert.Single(_logs.Lines, l => l.StartsWith("Warning:", StringComparison.Ordinal) && l.Contains(NobodyCanSignIn, StringComparison.Ordinal));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _loggers.Dispose();
        _lifetime.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private Task StartAsync()
    {
        var startup = new PeopleStartup(_store, new AuditLog(_time), new SessionBook(_time), _time, _lifetime, _loggers.CreateLogger<PeopleStartup>());
        return startup.StartAsync(CancellationToken.None);
    }

    private sealed class Lifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource _started = new();

        public CancellationToken ApplicationStarted => _started.Token;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void Started() => _started.Cancel();

        public void StopApplication()
        {
        }

        public void Dispose() => _started.Dispose();
    }
}
