using EdgeAgent.Fulfilment;
using EdgeAgent.Simulators.Handhelds;
using EdgeAgent.Simulators.Scanners;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Floor = EdgeAgent.Events;

namespace EdgeAgent.Tests.Fulfilment;

/// <summary>
/// A picker's GS1 item scans through the running agent and a real MQTT handheld: the GTIN is matched against
/// the item data released with the task, and the batch and expiry are checked where the task asks for them.
/// </summary>
public sealed class Gs1ItemScanTests : IAsyncLifetime
{
    private static readonly string Gtin = LabelCodes.Gtin14("0061414100004");
    private static readonly string OtherGtin = LabelCodes.Gtin14("0061414100011");
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromMinutes(1));
    private RunningAgent _agent = null!;
    private HandheldClient _handheld = null!;

    public async Task InitializeAsync()
    {
        _agent = await RunningAgent.StartAsync("hh-1");
        // An EAN-13 as the ERP's item master spells it: the agent pads it to the GTIN-14 the code carries.
        await _agent.ReleaseAsync(new NewPickTask(
            "T-1", "A-01-1", "SKU-1", 2, DateTimeOffset.UtcNow.AddHours(1),
            Gtins: [Gtin[1..]], Batch: "L42", MinExpiry: new DateOnly(2030, 6, 1)));
        _handheld = new HandheldClient(
            new HandheldClientOptions { Port = _agent.BrokerPort, DeviceId = "hh-1", Password = RunningAgent.Password("hh-1") }, TimeProvider.System);
        await _handheld.ConnectAsync(_guard.Token);
        await _handheld.SendAsync(HandheldBodies.Login("P-1"), _guard.Token);
        await _handheld.SendAsync(HandheldBodies.Scan("A-01-1"), _guard.Token);
    }

    public async Task DisposeAsync()
    {
        await _handheld.DisposeAsync();
        await _agent.DisposeAsync();
        _guard.Dispose();
    }

    [Fact]
    public async Task DataMatrixWithTheReleasedGtinBatchAndExpiry_IsTheItem_AndTheEventCarriesWhatWasRead()
    {
        var prompt = await _handheld.SendAsync(HandheldBodies.Scan(LabelCodes.GtinBatchExpiryRead(Gtin, new DateOnly(2031, 1, 31), "L42", "S-9")), _guard.Token);

        Assert.Equal("enter-quantity", prompt.Kind);
        var scanned = Store.Read(db => new FloorCollections(db).Events.OfType<Floor.ItemScanned>().Single());
        Assert.Equal((Gtin, "L42", new DateTime(2031, 1, 31)), (scanned.Gtin, scanned.Batch, scanned.Expiry));
    }

    [Fact]
    public async Task Gs1128WithAnotherGtin_IsAWrongItem_NamingTheGtinRead()
    {
        var prompt = await _handheld.SendAsync(HandheldBodies.Scan($"]C101{OtherGtin}10L42"), _guard.Token);

        Assert.Equal(("error", "wrong-item"), (prompt.Kind, prompt.Error));
        Assert.Contains(OtherGtin, prompt.Text, StringComparison.Ordinal);
        Assert.Contains("SKU-1", prompt.Text, StringComparison.Ordinal);
        var rejected = Store.Read(db => new FloorCollections(db).Events.OfType<Floor.ScanRejected>().Single());
        Assert.Equal(Drivers.Handhelds.HandheldErrorCode.WrongItem, rejected.Error);
    }

    [Fact]
    public async Task RightGtinFromAnotherBatch_IsRefusedAsWrongBatch()
    {
        var prompt = await _handheld.SendAsync(HandheldBodies.Scan(LabelCodes.GtinBatchExpiryRead(Gtin, new DateOnly(2031, 1, 31), "L41")), _guard.Token);

        Assert.Equal(("error", "wrong-batch"), (prompt.Kind, prompt.Error));
        Assert.Contains("L41", prompt.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RightGtinExpiringBeforeTheTasksMinimum_IsRefused()
    {
        var prompt = await _handheld.SendAsync(HandheldBodies.Scan(LabelCodes.GtinBatchExpiryRead(Gtin, new DateOnly(2030, 5, 31), "L42")), _guard.Token);

        Assert.Equal(("error", "expiry-too-soon"), (prompt.Kind, prompt.Error));
        Assert.Contains("2030-06-01", prompt.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gs1CodeWithABadCheckDigit_IsAWrongItemSayingWhy()
    {
        var bad = Gtin[..13] + (char)('0' + ((Gtin[13] - '0' + 1) % 10));

        var prompt = await _handheld.SendAsync(HandheldBodies.Scan($"]C101{bad}"), _guard.Token);

        Assert.Equal(("error", "wrong-item"), (prompt.Kind, prompt.Error));
        Assert.Contains("check digit", prompt.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ReleaseWithABadGtin_IsRefusedNamingTheField()
    {
        using var response = await _agent.Http.PostAsync("/api/tasks", new StringContent(
            """[{"id":"T-9","location":"A-01-2","sku":"SKU-9","qty":1,"gtins":["00614141000045"]}]""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("gtins[0]", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private DurableStore Store => _agent.Services.GetRequiredService<DurableStore>();
}
