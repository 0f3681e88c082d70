using EdgeAgent.Audit;
using EdgeAgent.People;
using EdgeAgent.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace EdgeAgent.Demo;

/// <summary>The demo's console people (one per role, passwords known to anyone who reads this) and how to sign in, printed at start.</summary>
internal sealed partial class DemoPeople(DurableStore store, AuditLog audit, PasswordChecker passwords, IServer server, IHostApplicationLifetime lifetime, ILogger<DemoPeople> logger) : IHostedService
{
    public static readonly (string Name, PersonRole Role, string Password)[] All =
    [
        ("demo-viewer", PersonRole.Viewer, DemoFloorExtensions.ViewerPassword),
        ("demo-supervisor", PersonRole.Supervisor, DemoFloorExtensions.SupervisorPassword),
        ("demo-admin", PersonRole.Admin, DemoFloorExtensions.AdminPassword),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var hashed = All.Select(p => (p.Name, p.Role, Hash: passwords.Hash(p.Password))).ToList();
        await store.WriteAsync(
            db =>
            {
                foreach (var (name, role, hash) in hashed)
                {
                    if (PeopleBook.Add(db, name, role, hash, DateTime.UtcNow, "demo").Change is { } change)
                    {
                        PeopleAudit.Changed(audit, db, change);
                    }
                }

                return 0;
            },
            cancellationToken);

        // The address is known once the server listens.
        lifetime.ApplicationStarted.Register(() =>
        {
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
            foreach (var (name, role, password) in All)
            {
                Log.SignInAs(logger, address, name, password, role);
            }
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Demo console: open {Address}/signin and sign in as {Name} with password {Password} ({Role})")]
        public static partial void SignInAs(ILogger logger, string address, string name, string password, PersonRole role);
    }
}
