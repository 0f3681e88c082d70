using EdgeAgent.Tests.Events;
using EdgeAgent.Bridge;
using EdgeAgent.Events;
using System.Globalization;
using CloudBridge.Contract.V1;
using CloudBridge.Ingress;
using CloudBridge.Uplink;
using EdgeAgent.Fulfilment;
using EdgeAgent.Simulators.Handhelds;
using EdgeAgent.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Tests.Hosting;

/// <summary>The agent's floor events leave through the real bridge to a real ingress on loopback.</summary>
public sealed class BridgeUplinkTests : IAsyncLifetime
{
    private readonly string _central = Directory.CreateTempSubdirectory("edgeagent-central-").FullName;
    private WebApplication _ingress = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        _ingress = IngressApp.Build(
        [
            "--Ingress:Port=0",
            $"--Ingress:DataDirectory={_central}",
            "--Ingress:Gateways:gw1:Token=test-token",
            "--Ingress:AdminToken=admin-token",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _ingress.StartAsync();
        _port = IngressApp.BoundPort(_ingress);
    }

    [Fact]
    public async Task TaskReleasedByTheErpOverTheDownlink_BecomesAnOpenTask_AndAPoisonCommandIsRecordedNotThrown()
    {
        await using var agent = await StartAgentAsync();
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{_port}"));
        var admin = new CentralAdmin.CentralAdminClient(channel);
        var headers = new Grpc.Core.Metadata { { "authorization", "Bearer admin-token" } };

        await admin.AppendCommandAsync(Release("bad-1", "{ not a task"), headers);
        await admin.AppendCommandAsync(Release("T-ERP-1", """{"taskId":"T-ERP-1","orderId":"SO-1","sku":"SKU-7","location":"B-01-2","quantity":3}"""), headers);

        var store = agent.Services.GetRequiredService<DurableStore>();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (store.Read(db => new FloorCollections(db).Tasks.FindById("T-ERP-1")) is null)
        {
            await Task.Delay(20, wait.Token);
        }

        var task = store.Read(db => new FloorCollections(db).Tasks.FindById("T-ERP-1"));
        Assert.Equal((PickTaskStatus.Open, "B-01-2", 3), (task.Status, task.Location, task.Quantity));
        var rejected = store.Read(db => new FloorCollections(db).Events.OfType<CommandRejected>());
        Assert.Equal("bad-1", Assert.Single(rejected).CommandId);
    }

    private static AppendCommandRequest Release(string id, string json) => new()
    {
        GatewayId = "gw1",
        CommandId = id,
        Kind = CommandKind.TaskRelease,
        Payload = Google.Protobuf.ByteString.CopyFromUtf8(json),
    };

    private async Task<RunningAgent> StartAgentAsync()
    {
        var settings = RunningAgent.Settings(Directory.CreateTempSubdirectory("edgeagent-host-").FullName, "hh-1");
        settings["CloudBridge:Uplink:Address"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{_port}");
        settings["CloudBridge:Uplink:Token"] = "test-token";
        return await RunningAgent.StartAsync(settings, ownsDirectory: true);
    }

    public async Task DisposeAsync()
    {
        await _ingress.StopAsync();
        await _ingress.DisposeAsync();
        Directory.Delete(_central, recursive: true);
    }

    [Fact]
    public async Task EveryFloorEvent_IsInTheOutboxWithItsStateChange_AndCentralAcksThemAll()
    {
        await using var agent = await StartAgentAsync();
        await agent.ReleaseAsync(new NewPickTask("T-1", "A-01-1", "SKU-1", 1, null));
        await using (var handheld = new HandheldClient(new HandheldClientOptions { Port = agent.BrokerPort, DeviceId = "hh-1", Password = RunningAgent.Password("hh-1") }, TimeProvider.System))
        {
            using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await handheld.ConnectAsync(guard.Token);
            await handheld.SendAsync(HandheldBodies.Login("P-1"), guard.Token);
            await handheld.SendAsync(HandheldBodies.Scan("A-01-1"), guard.Token);
            await handheld.SendAsync(HandheldBodies.Scan("SKU-1"), guard.Token);
            await handheld.SendAsync(HandheldBodies.Confirm(1), guard.Token);
        }

        // The planner records events of its own at any time: compare the lane with the store when both are still.
        var store = agent.Services.GetRequiredService<DurableStore>();
        var sender = agent.Services.GetRequiredService<UplinkSender>();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        long recorded;
        LaneStatus business;
        while (true)
        {
            recorded = store.Read(db => new FloorCollections(db).Events.Count());
            business = sender.GetStatus().Lanes.Single(l => l.Lane == "business");
            if (business.AckedThrough == business.LastSequence && business.LastSequence == recorded)
            {
                break;
            }

            await Task.Delay(20, wait.Token);
        }

        Assert.True(recorded >= 6, $"login, assignment, two scans and the pick were recorded, got {recorded} events");
        Assert.Equal(recorded, business.LastSequence);
        Assert.Equal(recorded, business.AckedThrough);
        Assert.Equal(0, business.Backlog);
    }

    [Fact]
    public async Task EveryFloorEventType_ReachesCentral_AndCentralDecodesItWithGeneratedCode()
    {
        await using var agent = await StartAgentAsync();
        var store = agent.Services.GetRequiredService<DurableStore>();
        var journal = agent.Services.GetRequiredService<FloorJournal>();
        var sent = FloorEventSamples.All().ToList();
        _ = await store.WriteAsync(db =>
        {
            foreach (var floorEvent in sent)
            {
                journal.Record(db, floorEvent);
            }

            return new FloorEventLog(db).Count();
        });

        var sender = agent.Services.GetRequiredService<UplinkSender>();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        // Telemetry (carton.detected) travels in its own lane: both lanes must be acknowledged through their last event.
        while (sender.GetStatus().Lanes.Where(l => l.Lane is "business" or "telemetry").Any(l => l.AckedThrough < l.LastSequence))
        {
            await Task.Delay(20, wait.Token);
        }

        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{_port}"));
        var admin = new CentralAdmin.CentralAdminClient(channel);
        var headers = new Grpc.Core.Metadata { { "authorization", "Bearer admin-token" } };
        var received = new List<EventEnvelope>();
        foreach (var lane in new[] { "business", "telemetry" })
        {
            using var call = admin.ReadEvents(new ReadEventsRequest { GatewayId = "gw1", Lane = lane, MaxEvents = 10_000 }, headers, cancellationToken: wait.Token);
            while (await call.ResponseStream.MoveNext(wait.Token))
            {
                received.Add(call.ResponseStream.Current);
            }
        }

        // Central sees typed messages: the envelope names the schema, the generated parser reads the body.
        var typed = received.Where(e => e.Schema == FloorEventWire.Schema).ToList();
        Assert.Equal(received.Count, typed.Count);
        var decoded = typed.Select(e => (e.Type, Message: CloudBridge.Contract.Floor.V1.FloorEvent.Parser.ParseFrom(e.Payload))).ToList();
        Assert.All(decoded, d => Assert.Equal(d.Type, d.Message.Type));
        Assert.All(decoded, d => Assert.NotEqual(CloudBridge.Contract.Floor.V1.FloorEvent.BodyOneofCase.None, d.Message.BodyCase));
        var samples = decoded.Where(d => d.Message.DeviceId == "dev-7").Select(d => FloorEventWire.FromWire(d.Message)).ToList();
        var expected = sent.Where(e => !FloorEventTypes.IsTelemetry(e.GetType())).Concat(sent.Where(e => FloorEventTypes.IsTelemetry(e.GetType())));
        Assert.Equal(expected.Select(e => e with { Id = 0 }), samples);
        Assert.Equal(FloorEventTypes.All.Count, samples.Select(e => e.Type).Distinct(StringComparer.Ordinal).Count());
    }
}
