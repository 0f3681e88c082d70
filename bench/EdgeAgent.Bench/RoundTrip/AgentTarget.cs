using EdgeAgent.Broker;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Fulfilment;
using EdgeAgent.Handhelds;
using EdgeAgent.Hosting;
using EdgeAgent.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Bench.RoundTrip;

/// <summary>The real agent in this process, started the way the host tests start it, with its data on the real disk.</summary>
internal sealed class AgentTarget : IRoundTripTarget
{
    private readonly WebApplication _app;
    private readonly DurableStore _store;
    private readonly TimeProvider _time = TimeProvider.System;
    private int _released;

    private AgentTarget(WebApplication app)
    {
        _app = app;
        _store = app.Services.GetRequiredService<DurableStore>();
        BrokerPort = app.Services.GetRequiredService<AgentBroker>().Port;
    }

    public string Name => "agent";

    public int BrokerPort { get; }

    public bool FollowsWorkflow => true;

    /// <summary>Groups the store committed (one fsync each) and the changes in them, for the mean group size.</summary>
    public StoreStats StoreStats => _store.Stats;

    public static async Task<AgentTarget> StartAsync(string workDirectory, string site, IReadOnlyList<string> devices)
    {
        var settings = new Dictionary<string, string>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Broker:Port"] = "0",
            ["Store:DataDirectory"] = Path.Combine(workDirectory, "data"),
            ["EdgeAgent:Site"] = site,
            // A site file on this machine must not change what is measured.
            ["config"] = Path.Combine(workDirectory, "no-site-file.json"),
        };
        for (var i = 0; i < devices.Count; i++)
        {
            settings[$"Handhelds:Devices:{i}"] = devices[i];
            settings[$"Broker:Clients:{devices[i]}:Kind"] = "handheld";
            settings[$"Broker:Clients:{devices[i]}:PasswordHash"] = PasswordHash.Create(Password(devices[i]), PasswordHash.MinimumIterations);
        }

        var app = AgentHost.Build([.. settings.Select(kv => $"--{kv.Key}={kv.Value}")]);
        try
        {
            await app.StartAsync();
            return new AgentTarget(app);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async Task ReleaseTasksAsync(int tasks, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var first = _released;
        // Due one second apart in release order, so the assigner hands them out in that order.
        var batch = Enumerable.Range(first, tasks)
            .Select(n => new NewPickTask($"BT-{n:D6}", $"A-{n % 40:D2}-{n % 5 + 1}", $"SKU-{n:D6}", n % 3 + 1, now.AddSeconds(n)))
            .ToList();
        var added = await _store.WriteAsync(db => TaskIntake.AddNew(db, batch, now.UtcDateTime), cancellationToken);
        if (added != tasks)
        {
            throw new InvalidOperationException($"Released {tasks} tasks but the agent added {added}");
        }

        _released += tasks;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The broker password of a benchmark handheld.</summary>
    public static string Password(string deviceId) => $"pw-{deviceId}";
}
