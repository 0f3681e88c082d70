using EdgeAgent.Fulfilment;
using EdgeAgent.Governance;
using EdgeAgent.Simulators.Handhelds;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Floor = EdgeAgent.Events;

namespace EdgeAgent.Tests.Fulfilment;

/// <summary>
/// A picker's short pick through the running agent and a real MQTT handheld: the agent proposes
/// <c>item.substitute</c> (an alternative the ERP released with the task) or, without one, <c>shipment.split</c>,
/// through the gate under the configured right and threshold, audited with who approved it and counted.
/// </summary>
public sealed class ShortPickRemedyTests : IAsyncLifetime
{
    private const string SupervisorToken = "sup-token-short";
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(1));
    private RunningAgent? _agent;
    private HandheldClient? _handheld;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_handheld is not null)
        {
            await _handheld.DisposeAsync();
        }

        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        _guard.Dispose();
    }

    private DurableStore Store => _agent!.Services.GetRequiredService<DurableStore>();

    [Fact]
    public async Task ShortPickWithAnAllowedAlternative_ProposesASubstitute_ThatTheSupervisorApproves()
    {
        await StartAsync(withAlternative: true);

        var next = await ShortPickAsync(found: 1);

        Assert.Equal("no-work", next.Kind);
        var decision = Assert.Single(GovernedRecord.Audit(_agent!, ActionTypes.ItemSubstitute));
        Assert.Equal(("await-approval", "assisted", 0.85), (decision.Verdict, decision.Right, decision.Confidence));
        Assert.StartsWith("task.short hh-1#", decision.Trigger, StringComparison.Ordinal);

        using var approve = await _agent!.SendAsync(HttpMethod.Post, $"/api/approvals/{decision.Seq}/approve", SupervisorToken);

        approve.EnsureSuccessStatusCode();
        var line = Store.Read(db => new FloorCollections(db).Tasks.FindById("T-1-S"));
        for (var i = 0; i < 200 && line.Status == PickTaskStatus.Open; i++)
        {
            await Task.Delay(50, _guard.Token);
            line = Store.Read(db => new FloorCollections(db).Tasks.FindById("T-1-S"));
        }

        // The short-picker stood idle at no-work: the approved line is pushed to them at once.
        Assert.Equal(("SKU-ALT", 2, "A-02-1", "SO-1", PickTaskStatus.Assigned, "P-1"), (line.Sku, line.Quantity, line.Location, line.OrderId, line.Status, line.AssignedTo));
        var substituted = Store.Read(db => new FloorCollections(db).Events.OfType<Floor.ItemSubstituted>().Single());
        Assert.Equal(("sam", decision.Seq), (substituted.Actor, substituted.DecisionSeq));
        Assert.Contains(GovernedRecord.Audit(_agent!, ActionTypes.ItemSubstitute), r => r.Actor == "sam" && r.Verdict == "approved");
        var kpis = await GovernedRecord.KpisAsync(_agent!, ActionTypes.ItemSubstitute);
        Assert.Equal((1, 1), (kpis.Count("assisted"), kpis.Count("approved")));
    }

    [Fact]
    public async Task UnderAnAutomatedRight_TheSubstituteLineIsTheShortPickersNextTask()
    {
        await StartAsync(withAlternative: true, ("item.substitute", "Automated", "0.8"));

        var next = await ShortPickAsync(found: 1);

        Assert.Equal(("go-to-location", "T-1-S", "SKU-ALT"), (next.Kind, next.Task?.Id, next.Task?.Sku));
        Assert.Equal("execute", GovernedRecord.Audit(_agent!, ActionTypes.ItemSubstitute).Single().Verdict);
        Assert.Equal(1, (await GovernedRecord.KpisAsync(_agent!, ActionTypes.ItemSubstitute)).Count("automated"));
    }

    [Fact]
    public async Task SubstituteUnderTheRightsThreshold_WaitsForApproval_AsLowConfidence()
    {
        await StartAsync(withAlternative: true, ("item.substitute", "Automated", "0.9"));

        await ShortPickAsync(found: 0);

        var decision = GovernedRecord.Audit(_agent!, ActionTypes.ItemSubstitute).Single();
        Assert.Equal("await-approval", decision.Verdict);
        Assert.Null(Store.Read(db => new FloorCollections(db).Tasks.FindById("T-1-S")));
        Assert.Equal(1, (await GovernedRecord.KpisAsync(_agent!, ActionTypes.ItemSubstitute)).Count("lowConfidence"));
    }

    [Fact]
    public async Task ShortPickWithoutAnAlternative_UnderAHumanOnlyRight_RecommendsASplit_ThatASupervisorCarriesOut()
    {
        await StartAsync(withAlternative: false, ("shipment.split", "HumanOnly", "1"));

        await ShortPickAsync(found: 2);

        var decision = GovernedRecord.Audit(_agent!, ActionTypes.ShipmentSplit).Single();
        Assert.Equal("recommend-only", decision.Verdict);
        Assert.Empty(GovernedRecord.Audit(_agent!, ActionTypes.ItemSubstitute));
        using var carried = await _agent!.SendAsync(HttpMethod.Post, $"/api/governance/decisions/{decision.Seq}/override", SupervisorToken, """{"outcome":{"orderId":"SO-1","taskId":"T-1","quantity":1},"reason":"customer takes a partial delivery"}""");
        carried.EnsureSuccessStatusCode();
        var split = Store.Read(db => new FloorCollections(db).Events.OfType<Floor.LineBackordered>().Single());
        Assert.Equal(("SO-1", 1, "sam"), (split.OrderId, split.Backordered, split.Actor));
        Assert.Equal(1, (await GovernedRecord.KpisAsync(_agent!, ActionTypes.ShipmentSplit)).Count("recommended"));
    }

    private async Task<SimPrompt> ShortPickAsync(int found)
    {
        _handheld = new HandheldClient(new HandheldClientOptions { Port = _agent!.BrokerPort, DeviceId = "hh-1", Password = RunningAgent.Password("hh-1") }, TimeProvider.System);
        await _handheld.ConnectAsync(_guard.Token);
        await _handheld.SendAsync(HandheldBodies.Login("P-1"), _guard.Token);
        await _handheld.SendAsync(HandheldBodies.Scan("A-01-1"), _guard.Token);
        await _handheld.SendAsync(HandheldBodies.Scan("SKU-1"), _guard.Token);
        return await _handheld.SendAsync(HandheldBodies.ShortPick(found), _guard.Token);
    }

    private async Task StartAsync(bool withAlternative, params (string Action, string Mode, string MinConfidence)[] rights)
    {
        var settings = RunningAgent.Settings(Directory.CreateTempSubdirectory("edgeagent-short-").FullName, "hh-1");
        RunningAgent.AddOperator(settings, "sam", "Supervisor", SupervisorToken);
        settings["Planning:Enabled"] = "false";
        foreach (var (action, mode, minimum) in rights)
        {
            settings[$"Governance:Rights:{action}:Mode"] = mode;
            settings[$"Governance:Rights:{action}:MinConfidence"] = minimum;
        }

        _agent = await RunningAgent.StartAsync(settings, ownsDirectory: true);
        await _agent.ReleaseAsync(new NewPickTask(
            "T-1", "A-01-1", "SKU-1", 3, DateTimeOffset.UtcNow.AddHours(1), OrderId: "SO-1",
            Alternatives: withAlternative ? [new NewItemAlternative("SKU-ALT", ["00614141000050"], "A-02-1")] : null));
    }
}
