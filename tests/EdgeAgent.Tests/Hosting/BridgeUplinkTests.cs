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

    private Task<RunningAgent> StartAgentAsync() => StartAgentAsync(Directory.CreateTempSubdirectory("edgeagent-host-").FullName);

    private async Task<RunningAgent> StartAgentAsync(string dataDirectory, params (string Key, string Value)[] extra)
    {
        var settings = RunningAgent.Settings(dataDirectory, "hh-1");
        settings["CloudBridge:Uplink:Address"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{_port}");
        settings["CloudBridge:Uplink:Token"] = "test-token";
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

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

    [Fact]
    public async Task AfterTheStoreIsCutAndRecovered_NewEventsReachCentral_NotTakenForResendsOfTheLostOnes()
    {
        var running = Directory.CreateTempSubdirectory("edgeagent-host-").FullName;
        var copy = Directory.CreateTempSubdirectory("edgeagent-host-cut-").FullName;
        long sentBefore;
        await using (var agent = await StartAgentAsync(running))
        {
            for (int i = 1; i <= 20; i++)
            {
                await agent.ReleaseAsync(new NewPickTask($"T-{i}", "A-01-1", "SKU-1", 1, null));
            }

            sentBefore = await AckedThroughAsync(agent);

            // A copy as the disk held it while the agent ran: the last commits are in the log, which is then cut in half.
            foreach (var file in Directory.GetFiles(running).Where(f => !f.EndsWith(DataDirectoryLock.LockFileName, StringComparison.Ordinal)))
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }
        }

        await using (var log = new FileStream(Path.Combine(copy, "edgeagent-log.db"), FileMode.Open))
        {
            log.SetLength(log.Length / 2);
        }

        await using var recovered = await StartAgentAsync(copy, ("Store:OnDamage", "Recover"));
        var lost = Assert.Single(Assert.IsType<StoreRecovery>(recovered.Services.GetRequiredService<DurableStore>().Recovery).Lost, l => l.Device == "outbox" && l.Lane == "business");
        Assert.True(lost.Held < sentBefore, $"the cut took business events central holds (store holds up to {lost.Held}, central {sentBefore})");

        await recovered.ReleaseAsync(new NewPickTask("T-after", "A-01-1", "SKU-1", 1, null));
        var last = await AckedThroughAsync(recovered);

        // Central holds every event numbered after the recovery as a new event: none was acknowledged as a duplicate.
        Assert.True(last > sentBefore, $"the recovered lane numbers above what central held ({last} against {sentBefore})");
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{_port}"));
        var admin = new CentralAdmin.CentralAdminClient(channel);
        var headers = new Grpc.Core.Metadata { { "authorization", "Bearer admin-token" } };
        var state = await admin.GetLaneStateAsync(new LaneStateRequest { GatewayId = "gw1", Lane = "business" }, headers);
        Assert.Equal((ulong)last, state.HighWaterMark);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = admin.ReadEvents(new ReadEventsRequest { GatewayId = "gw1", Lane = "business", AfterSequence = (ulong)sentBefore, MaxEvents = 10_000 }, headers, cancellationToken: wait.Token);
        var atCentral = new List<EventEnvelope>();
        while (await call.ResponseStream.MoveNext(wait.Token))
        {
            atCentral.Add(call.ResponseStream.Current);
        }

        Assert.Equal(Enumerable.Range((int)sentBefore + 1, (int)(last - sentBefore)).Select(i => (ulong)i), atCentral.Select(e => e.Sequence));
        Assert.Contains(atCentral, e => e.Type == "tasks.released");
    }

    /// <summary>Waits until central has acknowledged the business lane through its last event; returns that sequence.</summary>
    private static async Task<long> AckedThroughAsync(RunningAgent agent)
    {
        var sender = agent.Services.GetRequiredService<UplinkSender>();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var business = sender.GetStatus().Lanes.Single(l => l.Lane == "business");
            if (business.LastSequence > 0 && business.AckedThrough == business.LastSequence)
            {
                return business.LastSequence;
            }

            await Task.Delay(20, wait.Token);
        }
    }
}
