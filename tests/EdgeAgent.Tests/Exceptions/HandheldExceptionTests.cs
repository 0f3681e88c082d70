using EdgeAgent.Events;
using EdgeAgent.Drivers.Handhelds;
using EdgeAgent.Exceptions;
using EdgeAgent.Fulfilment;
using EdgeAgent.Planning;

namespace EdgeAgent.Tests.Exceptions;

/// <summary>Exceptions that pickers raise through the real pick workflow on a handheld.</summary>
public sealed class HandheldExceptionTests : IAsyncLifetime
{
    private readonly TriageFixture _fx = new();
    private PickWorkflow _workflow = null!;
    private long _seq;

    public async Task InitializeAsync()
    {
        _workflow = new PickWorkflow(new HandheldRegistry(["hh-1"]), _fx.Time, new TaskAssigner(new PickerOptions(), new PlanBoard()), _fx.Journal);
        await _fx.Store.WriteAsync(db => TaskIntake.AddNew(
            db, [new NewPickTask("T-1", "A-01-1", "SKU-1", 3, _fx.Time.GetUtcNow().AddHours(1))], _fx.Time.GetUtcNow().UtcDateTime, _fx.Journal));
        await SendAsync(HandheldMessageType.Login, picker: "P1");
    }

    public async Task DisposeAsync() => await _fx.DisposeAsync();

    [Fact]
    public async Task ShortPick_RaisesAShortPickForTheSkuAndLocation_ToInventoryControl()
    {
        await SendAsync(HandheldMessageType.Scan, code: "A-01-1");

        await SendAsync(HandheldMessageType.Short, qty: 1);

        var c = _fx.Single();
        Assert.Equal((ExceptionTypes.ShortPick, "SKU-1@A-01-1", "inventory-control", ExceptionStatus.Open), (c.Type, c.Subject, c.Team, c.Status));
    }

    [Fact]
    public async Task DamagedReport_RaisesDamaged_AndThePickerCarriesOn()
    {
        await SendAsync(HandheldMessageType.Scan, code: "A-01-1");

        var prompt = await SendAsync(HandheldMessageType.Damaged, qty: 2);

        Assert.Equal(PromptKind.ScanItem, prompt.Kind);
        var c = _fx.Single();
        Assert.Equal((ExceptionTypes.Damaged, "SKU-1@A-01-1", "inventory-control"), (c.Type, c.Subject, c.Team));
        var damaged = Assert.Single(_fx.Events<ItemDamaged>());
        Assert.Equal((2, "SKU-1"), (damaged.Quantity, damaged.Sku));
    }

    [Fact]
    public async Task WrongLocation_IsWatchedUntilRepeated_ThenRoutedToWarehouse()
    {
        await SendAsync(HandheldMessageType.Scan, code: "B-09-9");
        await SendAsync(HandheldMessageType.Scan, code: "B-09-9");
        Assert.Equal(ExceptionStatus.Watching, _fx.Single().Status);

        await SendAsync(HandheldMessageType.Scan, code: "B-09-9");

        var c = _fx.Single();
        Assert.Equal((ExceptionTypes.WrongLocation, "P1/T-1", "warehouse", ExceptionStatus.Open, 3), (c.Type, c.Subject, c.Team, c.Status, c.Occurrences));
    }

    [Fact]
    public async Task WrongLocationOnce_ThenPicked_IsForgotten()
    {
        await SendAsync(HandheldMessageType.Scan, code: "B-09-9");

        await SendAsync(HandheldMessageType.Scan, code: "A-01-1");
        await SendAsync(HandheldMessageType.Scan, code: "SKU-1");
        await SendAsync(HandheldMessageType.Confirm, qty: 3);

        Assert.Empty(_fx.Cases());
    }

    private Task<HandheldPrompt> SendAsync(HandheldMessageType type, string? picker = null, string? code = null, int? qty = null)
    {
        var message = new HandheldMessage { DeviceId = "hh-1", Seq = ++_seq, Type = type, Picker = picker, Code = code, Qty = qty };
        return _fx.Store.WriteAsync(db => _workflow.Handle(db, message).Prompt);
    }
}
