using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Fulfilment;
using EdgeAgent.Planning;
using LiteDB;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.Tests.Fulfilment;

/// <summary>A real LiteDB file in a temp directory with the workflow over it, and a handheld's sequence counter.</summary>
internal sealed class FloorFixture : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgeagent-floor-").FullName;
    private readonly Dictionary<string, long> _seq = [];

    public FloorFixture(params string[] devices)
    {
        EdgeAgent.Storage.StoreMapping.Prepare([typeof(PickTask), typeof(PickerSession), typeof(PendingAssignment), typeof(HandheldLedger), .. EdgeAgent.Events.FloorEventTypes.All]);
        Db = new LiteDatabase($"Filename={Path.Combine(_directory, "floor.db")};Connection=direct");
        FloorCollections.EnsureIndexes(Db);
        Workflow = new PickWorkflow(new HandheldRegistry(devices.Length > 0 ? devices : ["hh-1", "hh-2"]), Time, new TaskAssigner(Pickers, Board));
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    public LiteDatabase Db { get; }

    /// <summary>Profiles the assigner reads; add to them before the picker logs in.</summary>
    public PickerOptions Pickers { get; } = new();

    /// <summary>The plan the assigner follows; empty until a test publishes one.</summary>
    public PlanBoard Board { get; } = new();

    public PickWorkflow Workflow { get; }

    public FloorCollections Floor => new(Db);

    public void Release(params (string Id, string Location, string Sku, int Qty, int DueMinutes)[] tasks) =>
        TaskIntake.AddNew(
            Db,
            tasks.Select(t => new NewPickTask(t.Id, t.Location, t.Sku, t.Qty, Time.GetUtcNow().AddMinutes(t.DueMinutes))),
            Time.GetUtcNow().UtcDateTime);

    public HandheldPrompt Send(string device, HandheldMessageType type, string? picker = null, string? code = null, int? qty = null) =>
        Resend(device, NextSeq(device), type, picker, code, qty).Prompt;

    public PickOutcome Resend(string device, long seq, HandheldMessageType type, string? picker = null, string? code = null, int? qty = null)
    {
        _seq[device] = Math.Max(seq, _seq.GetValueOrDefault(device));
        return Workflow.Handle(Db, new HandheldMessage { DeviceId = device, Seq = seq, Type = type, Picker = picker, Code = code, Qty = qty });
    }

    public long LastSeq(string device) => _seq.GetValueOrDefault(device);

    public HandheldPrompt Login(string device, string picker) => Send(device, HandheldMessageType.Login, picker: picker);

    public HandheldPrompt Scan(string device, string code) => Send(device, HandheldMessageType.Scan, code: code);

    public HandheldPrompt Confirm(string device, int qty) => Send(device, HandheldMessageType.Confirm, qty: qty);

    public HandheldPrompt Short(string device, int qty) => Send(device, HandheldMessageType.Short, qty: qty);

    public void Dispose()
    {
        Db.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private long NextSeq(string device) => _seq.GetValueOrDefault(device) + 1;
}
