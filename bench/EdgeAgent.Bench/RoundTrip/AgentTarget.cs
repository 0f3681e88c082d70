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
    private readonly PlanBoard _board;
    private readonly TimeProvider _time = TimeProvider.System;
    private int _released;

    private AgentTarget(WebApplication app)
    {
        _app = app;
        _store = app.Services.GetRequiredService<DurableStore>();
        _board = app.Services.GetRequiredService<PlanBoard>();
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
        await WaitForPlanAsync($"BT-{first + tasks - 1:D6}", cancellationToken);
    }

    /// <summary>
    /// A release reaches the pick loop's rule through the planner's next plan (its sorted backlog); until then a
    /// picker who finishes is told to wait for the next prompt. A real wave is released well ahead of the pickers,
    /// so the bench waits (untimed) for the plan that knows the new tasks instead of timing that wait.
    /// </summary>
    private async Task WaitForPlanAsync(string lastTaskId, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + TimeSpan.FromSeconds(60);
        while (!Knows(_board.Current, lastTaskId))
        {
            if (_time.GetUtcNow() > deadline)
            {
                throw new InvalidOperationException($"No plan included the released task {lastTaskId} within 60 s");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5), _time, cancellationToken);
        }
    }

    private static bool Knows(PickPlan plan, string taskId) =>
        plan.Seq == 0 // Planning off: the rule queries the store itself.
        || plan.OpenByCutOff.Contains(taskId)
        || plan.ByPicker.Values.Any(q => q.Any(p => p.TaskId == taskId));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The broker password of a benchmark handheld.</summary>
    public static string Password(string deviceId) => $"pw-{deviceId}";
}
