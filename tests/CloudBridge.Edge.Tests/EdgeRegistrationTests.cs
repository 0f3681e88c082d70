using CloudBridge.Central.Tests.Infrastructure;
using CloudBridge.Contract.V1;
using CloudBridge.Downlink;
using CloudBridge.Edge.Tests.Infrastructure;
using CloudBridge.Outbox;
using CloudBridge.Uplink;
using LiteDB;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CloudBridge.Edge.Tests;

public sealed class EdgeRegistrationTests
{
    [Fact]
    public async Task AddCloudBridgeEdge_WiresOutboxSenderAndDownlink_FromConfiguration()
    {
        using var dir = new TempDirectory();
        await using var ingress = await TestIngress.StartAsync(dir.Sub("central"));
        using var central = new CentralClient(ingress.Address);
        await central.AppendCommandAsync("prio-1", CommandKind.PriorityChange, "{\"order\":\"SO-1\",\"priority\":\"rush\"}");
        await using var store = new TestOutboxStore(dir.Sub("edge"));
        await using var services = Services(store, new Dictionary<string, string?>
        {
            ["CloudBridge:Uplink:Address"] = ingress.Address,
            ["CloudBridge:Uplink:GatewayId"] = TestIngress.GatewayId,
            ["CloudBridge:Uplink:Token"] = TestIngress.GatewayToken,
            ["CloudBridge:Outbox:Lanes:0:Name"] = "business",
            ["CloudBridge:Outbox:Lanes:0:Weight"] = "3",
            ["CloudBridge:Outbox:Lanes:1:Name"] = "telemetry",
            ["CloudBridge:Outbox:Lanes:1:Sheddable"] = "true",
        });
        var hosted = services.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        var outbox = services.GetRequiredService<Outbox.Outbox>();
        Assert.Equal(["business", "telemetry"], outbox.Lanes.Select(l => l.Name));
        var appended = await store.WriteAsync(db => outbox.Append(db, "business", "order.picked", TestEdge.Payload(100)), CancellationToken.None);
        var sender = services.GetRequiredService<UplinkSender>();
        await Eventually.WaitAsync(() => sender.GetStatus().Lanes.Single(l => l.Lane == "business").AckedThrough == appended.Sequence, "the event acked");
        await Eventually.WaitAsync(() => store.Read(DownlinkCursor.Get) == 1, "the command applied");
        Assert.Equal(0, sender.GetStatus().Lanes.Single(l => l.Lane == "business").Backlog);

        foreach (var service in hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task AddCloudBridgeEdge_RejectsInvalidOptions()
    {
        using var dir = new TempDirectory();
        await using var store = new TestOutboxStore(dir.Path);
        await using var services = Services(store, new Dictionary<string, string?>
        {
            ["CloudBridge:Uplink:Address"] = "not a url",
            ["CloudBridge:Uplink:GatewayId"] = "dc 1",
            ["CloudBridge:Outbox:Lanes:0:Name"] = "Business!",
        });

        var uplink = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<UplinkOptions>>().Value);
        Assert.Contains(nameof(UplinkOptions.Address), uplink.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(UplinkOptions.GatewayId), uplink.Message, StringComparison.Ordinal);
        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<OutboxOptions>>().Value);
    }

    private static ServiceProvider Services(IOutboxStore store, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(store);
        services.AddSingleton<ICommandHandler, NoteCommands>();
        services.AddCloudBridgeEdge(configuration);
        return services.BuildServiceProvider();
    }

    private sealed class NoteCommands : ICommandHandler
    {
        public void Apply(LiteDatabase db, Command command) =>
            db.GetCollection("commands").Insert(new BsonDocument { ["_id"] = command.CommandId });
    }
}
