using EdgeAgent.Simulators.Floor;
using EdgeAgent.Simulators.Handhelds;
using LiteDB;
using Xunit.Abstractions;

namespace EdgeAgent.EndToEnd;

public sealed class AgentCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Tasks = 80;
    private const int Handhelds = 4;
    private readonly string _data = Directory.CreateTempSubdirectory("edgeagent-crash-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task KilledMidStream_EveryAnsweredPickIsOnDisk_AndTheHandheldsFinishExactlyOnceAfterRestart()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var brokerPort = AgentProcess.FreePort();
        var settings = Floor.Settings(_data, brokerPort, Handhelds);
        var agent = await AgentProcess.StartAsync(settings, output);
        await Floor.ReleaseAsync(agent.PageUrl, Tasks);

        var handhelds = new List<HandheldClient>();
        var bots = new List<PickerBot>();
        foreach (var (device, n) in Floor.Devices(Handhelds).Select((d, i) => (d, i + 1)))
        {
            var handheld = await Floor.ConnectAsync(brokerPort, device, guard.Token);
            handhelds.Add(handheld);
            bots.Add(Floor.Picker(handheld, n));
        }

        var work = Task.WhenAll(bots.Select(b => b.RunAsync(stopWhenIdle: true, guard.Token)));
        await WaitUntilAsync(() => bots.Sum(b => b.TasksDone) >= Tasks / 3, guard.Token);

        await agent.KillAsync();
        var answeredBeforeKill = bots.SelectMany(b => b.CompletedTaskIds).ToList();
        var pickedOnDisk = ReadPickedTaskIds();
        Assert.All(answeredBeforeKill, id => Assert.Contains(id, pickedOnDisk));

        // Same ports and directory: the handhelds reconnect and resend what was not answered.
        await using (var restarted = await AgentProcess.StartAsync(settings, output))
        {
            await work.WaitAsync(guard.Token);
        }

        var picked = ReadPickedEvents();
        Assert.Equal(Tasks, picked.Count);
        Assert.Equal(Tasks, picked.Distinct().Count());
        Assert.Equal(Tasks, bots.Sum(b => b.CompletedTaskIds.Count));
        foreach (var handheld in handhelds)
        {
            await handheld.DisposeAsync();
        }

        output.WriteLine($"answered before SIGKILL: {answeredBeforeKill.Count}, on disk then: {pickedOnDisk.Count}, resends: {handhelds.Sum(h => h.Resends)}");

        // Every handed-out task is a decision in the hash chain, committed with it: the kill broke no link.
        var (exitCode, verdict) = await AgentProcess.RunCommandAsync("audit", "verify", "--data-dir", _data);
        output.WriteLine(verdict);
        Assert.True(exitCode == 0, verdict);
        Assert.True(CountDecisions("task.assign") >= Tasks, $"{CountDecisions("task.assign")} task.assign decisions for {Tasks} tasks");
    }

    private int CountDecisions(string action)
    {
        using var db = Open();
        return db.GetCollection("audit").Count(Query.EQ("ActionType", action));
    }

    private HashSet<string> ReadPickedTaskIds()
    {
        using var db = Open();
        return db.GetCollection("tasks").Find(Query.EQ("Status", "Picked")).Select(d => d["_id"].AsString).ToHashSet();
    }

    private List<string> ReadPickedEvents()
    {
        using var db = Open();
        return db.GetCollection("floor_history").Find(Query.EQ("Type", "task.picked")).Select(d => d["TaskId"].AsString).ToList();
    }

    private LiteDatabase Open() => new($"Filename={Path.Combine(_data, "edgeagent.db")};Connection=direct");

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken ct)
    {
        while (!condition())
        {
            await Task.Delay(20, ct);
        }
    }
}
