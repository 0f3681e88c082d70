using EdgeAgent.Events;
using EdgeAgent.Audit;
using EdgeAgent.Fulfilment;
using EdgeAgent.Planning;
using EdgeAgent.Governance;
using EdgeAgent.Storage;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Tests.Governance;

/// <summary>A real store in a temp directory with governance over it, a fake clock, and a restart on demand.</summary>
internal sealed class GovernanceFixture : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgeagent-gov-").FullName;
    private readonly GovernanceOptions _options = new();

    private GovernanceFixture(Action<GovernanceOptions>? configure)
    {
        configure?.Invoke(_options);
        Open();
    }

    public static async Task<GovernanceFixture> StartAsync(Action<GovernanceOptions>? configure = null)
    {
        var fixture = new GovernanceFixture(configure);
        await fixture.Sweeper.StartAsync(CancellationToken.None);
        return fixture;
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    /// <summary>The exception table the escalation executor follows (the defaults).</summary>
    public EdgeAgent.Exceptions.ExceptionOptions ExceptionOptions { get; } = Tests.Exceptions.TriageFixture.DefaultOptions();

    public string DataDirectory => _directory;

    public DurableStore Store { get; private set; } = null!;

    public GovernanceGate Gate { get; private set; } = null!;

    public ApprovalDesk Desk { get; private set; } = null!;

    public ApprovalSweeper Sweeper { get; private set; } = null!;

    public Supervision Supervision { get; private set; } = null!;

    public OrderHolds Holds { get; private set; } = null!;

    public RightsBook Rights { get; private set; } = null!;

    public Task<T> Write<T>(Func<LiteDatabase, T> change) => Store.WriteAsync(change);

    public T Read<T>(Func<LiteDatabase, T> query) => Store.Read(query);

    public List<AuditRecord> Audit() => Read(db => new AuditCollections(db).Page(0, 1000));

    public IReadOnlyList<T> Events<T>()
        where T : FloorEvent => Read(db => new FloorCollections(db).Events.OfType<T>());

    public Approval? Approval(long id) => Read(db => new GovernanceCollections(db).Approvals.FindById(id));

    public PickTask Task(string id) => Read(db => new FloorCollections(db).Tasks.FindById(id));

    /// <summary>The pick loop's assigner with no plan and every picker allowed everywhere.</summary>
    public TaskAssigner Assigner { get; } = new(new PickerOptions(), new PlanBoard());

    /// <summary>Open tasks T-1 (order SO-1, zone A) and T-2 (order SO-2, zone B); pickers P-1 holding T-1 and P-2 idle.</summary>
    public Task SeedFloorAsync() => Write(db =>
    {
        var now = Time.GetUtcNow();
        TaskIntake.AddNew(db, [
            new NewPickTask("T-1", "A-01-1", "SKU-1", 1, now.AddHours(1), "A", "SO-1"),
            new NewPickTask("T-2", "B-01-1", "SKU-2", 1, now.AddHours(2), "B", "SO-2"),
        ], now.UtcDateTime);
        var floor = new FloorCollections(db);
        floor.Pickers.Insert(new PickerSession { Id = "P-1", DeviceId = "hh-1" });
        floor.Pickers.Insert(new PickerSession { Id = "P-2", DeviceId = "hh-2" });
        var p1 = floor.Pickers.FindById("P-1");
        Assigner.AssignNext(floor, p1, now.UtcDateTime);
        floor.Pickers.Update(p1);
        return 0;
    });

    public static ProposedAction Reassign(string taskId, string? toPicker, double confidence = 0.9, string zone = "A") => new()
    {
        ActionType = ActionTypes.TaskReassign,
        Scope = new ScopeFacts { Zone = zone },
        Trigger = "picker.idle P-2",
        Inputs = """{"idle":["P-2"]}""",
        Method = new DecisionMethod { Kind = "model", Name = "rebalancer", Version = "1.0.0" },
        Confidence = confidence,
        Outcome = toPicker is null ? $$"""{"taskId":"{{taskId}}","toPicker":null}""" : $$"""{"taskId":"{{taskId}}","toPicker":"{{toPicker}}"}""",
        Summary = $"Give {taskId} to {toPicker ?? "the pool"}",
        AffectedOrders = ["SO-1"],
    };

    public static ProposedAction Hold(string orderId, double confidence = 0.95) => new()
    {
        ActionType = ActionTypes.OrderHold,
        Scope = new ScopeFacts { Zone = "A", CustomerTier = "gold", OrderValue = 1200m },
        Trigger = "exception.damage SO-1",
        Method = new DecisionMethod { Kind = "rule", Name = "damage-hold", Version = "1" },
        Confidence = confidence,
        Outcome = $$"""{"orderId":"{{orderId}}"}""",
        Summary = $"Hold {orderId}: damaged stock",
    };

    /// <summary>Stops the store (like a process exit) and opens it again with fresh governance objects.</summary>
    public async Task RestartAsync()
    {
        await CloseAsync();
        Open();
        await Sweeper.StartAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task CloseAsync()
    {
        await Sweeper.StopAsync(CancellationToken.None);
        Sweeper.Dispose();
        await Store.DisposeAsync();
    }

    private void Open()
    {
        Store = DurableStore.Open(new StoreOptions { DataDirectory = _directory }, NullLogger<DurableStore>.Instance, Time);
        var audit = new AuditLog(Time);
        var actions = new GovernedActions([
            new TaskAssignAction(), new TaskReassignAction(), new OrderHoldAction(), new EdgeAgent.Exceptions.ExceptionEscalateAction(Options.Create(ExceptionOptions)),
        ]);
        Rights = new RightsBook(Options.Create(_options), audit);
        Desk = new ApprovalDesk(audit, actions, Time);
        Sweeper = new ApprovalSweeper(Store, Desk, Time, NullLogger<ApprovalSweeper>.Instance);
        Gate = new GovernanceGate(Rights, audit, actions, Sweeper, Time);
        Supervision = new Supervision(audit, actions, Time);
        Holds = new OrderHolds(audit);
    }
}
