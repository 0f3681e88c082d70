using EdgeAgent.Fulfilment;
using EdgeAgent.Governance;
using EdgeAgent.Simulators.Handhelds;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Floor = EdgeAgent.Events;

namespace EdgeAgent.Tests.Planning;

/// <summary>
/// <c>task.reassign</c> proposed by the running agent: two MQTT handhelds, one picker holds a task and one is
/// idle; the holder's handheld goes offline (or the holder falls behind), and the planner's watch proposes
/// moving the task through the gate under the configured right.
/// </summary>
public sealed class ReassignWatchTests : IAsyncLifetime
{
    private const string SupervisorToken = "sup-token-reassign";
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(1));
    private readonly List<HandheldClient> _handhelds = [];
    private RunningAgent _agent = null!;
    private bool _started;

    private DurableStore Store => _agent.Services.GetRequiredService<DurableStore>();

    [Fact]
    public async Task HoldersHandheldGoesOffline_TaskMovesToTheIdlePicker_Automated_AuditedAndCounted()
    {
        await StartAsync(mode: null);
        var holder = await LoginAsync("hh-1", "P-1");
        await LoginAsync("hh-2", "P-2");

        await holder.DisposeAsync(); // the app says offline as it leaves
        _handhelds.Remove(holder);

        await GovernedRecord.WaitUntilAsync(() => Task("T-1").AssignedTo == "P-2", _guard.Token);
        var decision = Assert.Single(GovernedRecord.Audit(_agent, ActionTypes.TaskReassign), r => r.Kind == EdgeAgent.Audit.AuditKind.Decision);
        Assert.Equal(("execute", "automated"), (decision.Verdict, decision.Right));
        Assert.StartsWith("picker-absent P-1 on hh-1", decision.Trigger, StringComparison.Ordinal);
        Assert.Contains("\"toPicker\":\"P-2\"", decision.Outcome, StringComparison.Ordinal);
        var moved = Store.Read(db => new FloorCollections(db).Events.OfType<Floor.TaskReassigned>().Single());
        Assert.Equal(("P-1", "P-2", decision.Seq), (moved.FromPickerId, moved.ToPickerId, moved.DecisionSeq));
        var kpis = await GovernedRecord.KpisAsync(_agent, ActionTypes.TaskReassign);
        Assert.Equal(1, kpis.Count("automated"));
        // P-2's next message gets the moved task.
        var resumed = await _handhelds.Single().SendAsync(HandheldBodies.Scan("A-01-1"), _guard.Token);
        Assert.Equal(("scan-item", "T-1"), (resumed.Kind, resumed.Task?.Id));
    }

    [Fact]
    public async Task AbsentHoldersTaskBackInThePool_IsNotPushedBackToTheAbsentPicker_AndAFreshPickerGetsIt()
    {
        // The roundtrip bench's full run: a picker's handheld left for good (still logged in), the watch moved its
        // task to the pool, and the pusher handed that task (and then the next released one) straight back to the
        // absent picker, round after round, so the picker still on the floor was told 'no-work'.
        await StartAsync(mode: null);
        var holder = await LoginAsync("hh-1", "P-1");
        await holder.DisposeAsync(); // the app says offline as it leaves; nobody is idle, so T-1 goes to the pool
        _handhelds.Remove(holder);
        await GovernedRecord.WaitUntilAsync(() => Store.Read(db => new FloorCollections(db).Events.OfType<Floor.TaskReassigned>().Any()), _guard.Token);

        var pusher = _agent.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<EdgeAgent.Handhelds.PromptPusher>().Single();
        var rounds = pusher.Rounds;
        await _agent.ReleaseAsync(new NewPickTask("T-2", "A-02-1", "SKU-2", 1, DateTimeOffset.UtcNow.AddMinutes(40)));
        await GovernedRecord.WaitUntilAsync(() => pusher.Rounds > rounds && pusher.Quiet, _guard.Token);
        var fresh = await LoginAsync("hh-2", "P-2");
        var next = await fresh.SendAsync(HandheldBodies.Scan("A-01-1"), _guard.Token);

        var assignedToAbsent = Store.Read(db => new FloorCollections(db).Events.OfType<Floor.TaskAssigned>().Count(e => e.PickerId == "P-1"));
        Assert.Equal(1, assignedToAbsent); // the login's T-1 only
        Assert.Equal((PickTaskStatus.Open, null), (Task("T-2").Status, Task("T-2").AssignedTo));
        Assert.Equal(("P-2", "scan-item"), (Task("T-1").AssignedTo, next.Kind));
    }

    [Fact]
    public async Task HoldersHandheldReportsAnotherZone_TaskMovesToTheIdlePicker_WithTheZonesInTheRecord()
    {
        await StartAsync(mode: null);
        var holder = await LoginAsync("hh-1", "P-1");
        await LoginAsync("hh-2", "P-2");
        var zone = Task("T-1").Zone;

        await holder.ReportZoneAsync(zone, _guard.Token); // still in the task's zone: nothing moves
        await holder.ReportZoneAsync("DOCK", _guard.Token);

        await GovernedRecord.WaitUntilAsync(() => Task("T-1").AssignedTo == "P-2", _guard.Token);
        var decision = Assert.Single(GovernedRecord.Audit(_agent, ActionTypes.TaskReassign), r => r.Kind == EdgeAgent.Audit.AuditKind.Decision);
        Assert.StartsWith("picker-left-zone P-1 on hh-1", decision.Trigger, StringComparison.Ordinal);
        Assert.Contains("\"holderZone\":\"DOCK\"", decision.Inputs, StringComparison.Ordinal);
        Assert.Equal(0.9, decision.Confidence);
        var moved = Store.Read(db => new FloorCollections(db).Events.OfType<Floor.TaskReassigned>().Single());
        Assert.Equal(("P-1", "P-2"), (moved.FromPickerId, moved.ToPickerId));
    }

    [Fact]
    public async Task UnderAnAssistedRight_TheMoveWaitsForTheSupervisor_WhoseApprovalIsAudited()
    {
        await StartAsync(mode: "Assisted");
        var holder = await LoginAsync("hh-1", "P-1");
        await LoginAsync("hh-2", "P-2");

        await holder.DisposeAsync();
        _handhelds.Remove(holder);
        await GovernedRecord.WaitUntilAsync(() => GovernedRecord.Audit(_agent, ActionTypes.TaskReassign).Count > 0, _guard.Token);
        Assert.Equal("P-1", Task("T-1").AssignedTo);
        var decision = GovernedRecord.Audit(_agent, ActionTypes.TaskReassign).Single();
        Assert.Equal("await-approval", decision.Verdict);

        using var approve = await _agent.SendAsync(HttpMethod.Post, $"/api/approvals/{decision.Seq}/approve", SupervisorToken);

        approve.EnsureSuccessStatusCode();
        Assert.Equal("P-2", Task("T-1").AssignedTo);
        Assert.Contains(GovernedRecord.Audit(_agent, ActionTypes.TaskReassign), r => r.Actor == "sam" && r.Verdict == "approved" && r.DecisionSeq == decision.Seq);
        var kpis = await GovernedRecord.KpisAsync(_agent, ActionTypes.TaskReassign);
        Assert.Equal((1, 1, 0), (kpis.Count("assisted"), kpis.Count("approved"), kpis.Count("automated")));
    }

    [Fact]
    public async Task UnderAHumanOnlyRight_TheMoveIsOnlyRecommended_AndNothingMoves()
    {
        await StartAsync(mode: "HumanOnly");
        var holder = await LoginAsync("hh-1", "P-1");
        await LoginAsync("hh-2", "P-2");

        await holder.DisposeAsync();
        _handhelds.Remove(holder);
        await GovernedRecord.WaitUntilAsync(() => GovernedRecord.Audit(_agent, ActionTypes.TaskReassign).Count > 0, _guard.Token);

        Assert.Equal("recommend-only", GovernedRecord.Audit(_agent, ActionTypes.TaskReassign).Single().Verdict);
        Assert.Equal("P-1", Task("T-1").AssignedTo);
        Assert.Equal(1, (await GovernedRecord.KpisAsync(_agent, ActionTypes.TaskReassign)).Count("recommended"));
    }

    [Fact]
    public async Task HolderFallsBehindPastTheLateRisk_TheMoveIsProposedWithItsGain_AndALowConfidenceOneWaitsForApproval()
    {
        await StartAsync(mode: null, behind: true);
        await LoginAsync("hh-1", "P-1");
        await LoginAsync("hh-2", "P-2");

        // P-1 holds T-1 and does nothing; the watch finds them behind once the task took 1.5 x its expected second.
        await GovernedRecord.WaitUntilAsync(() => GovernedRecord.Audit(_agent, ActionTypes.TaskReassign).Count > 0, _guard.Token);

        var decision = GovernedRecord.Audit(_agent, ActionTypes.TaskReassign).Single();
        Assert.StartsWith("picker-behind P-1", decision.Trigger, StringComparison.Ordinal);
        Assert.Contains("expectedGainSeconds", decision.Outcome, StringComparison.Ordinal);
        Assert.True(decision.Confidence < 0.8, $"a gain small against the holder's time is unsure, got {decision.Confidence}");
        Assert.Equal("await-approval", decision.Verdict);
        Assert.Equal(1, (await GovernedRecord.KpisAsync(_agent, ActionTypes.TaskReassign)).Count("lowConfidence"));
    }

    private async Task StartAsync(string? mode, bool behind = false)
    {
        var settings = RunningAgent.Settings(Directory.CreateTempSubdirectory("edgeagent-reassign-").FullName, "hh-1", "hh-2");
        RunningAgent.AddOperator(settings, "sam", "Supervisor", SupervisorToken);
        settings["Planning:Enabled"] = "false";
        settings["Planning:Reassign:CheckSeconds"] = "1";
        settings["Planning:Reassign:AbsentAfterSeconds"] = "0";
        if (mode is not null)
        {
            settings["Governance:Rights:task.reassign:Mode"] = mode;
        }

        if (behind)
        {
            settings["Planning:Reassign:DefaultPickSeconds"] = "1";
            settings["Planning:Reassign:BehindFactor"] = "1.5";
            settings["Planning:Reassign:LateRiskThreshold"] = "0.02";
            settings["Planning:Reassign:WalkMetresPerSecond"] = "5";
        }
        else
        {
            // Only an absent holder moves the task in these tests.
            settings["Planning:Reassign:DefaultPickSeconds"] = "3600";
        }

        _agent = await RunningAgent.StartAsync(settings, ownsDirectory: true);
        _started = true;
        // Behind: a cut-off a minute away, so a few seconds of delay are a late risk past the threshold.
        await _agent.ReleaseAsync(new NewPickTask("T-1", "A-01-1", "SKU-1", 1, DateTimeOffset.UtcNow.AddMinutes(behind ? 1 : 30)));
    }

    private async Task<HandheldClient> LoginAsync(string device, string picker)
    {
        var handheld = new HandheldClient(
            new HandheldClientOptions { Port = _agent.BrokerPort, DeviceId = device, Password = RunningAgent.Password(device) }, TimeProvider.System);
        await handheld.ConnectAsync(_guard.Token);
        _handhelds.Add(handheld);
        await handheld.SendAsync(HandheldBodies.Login(picker), _guard.Token);
        return handheld;
    }

    private PickTask Task(string id) => Store.Read(db => new FloorCollections(db).Tasks.FindById(id));

    public Task InitializeAsync() => System.Threading.Tasks.Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var handheld in _handhelds)
        {
            await handheld.DisposeAsync();
        }

        if (_started)
        {
            await _agent.DisposeAsync();
        }

        _guard.Dispose();
    }
}
