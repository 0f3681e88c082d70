using System.Globalization;
using System.Net;
using System.Text;
using CloudBridge.Contract.V1;
using CloudBridge.Ingress;
using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using EdgeAgent.Planning;
using EdgeAgent.Simulators.Handhelds;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using FloorWire = CloudBridge.Contract.Floor.V1.FloorEvent;

namespace EdgeAgent.Tests.Planning;

/// <summary>
/// Central sends models over the real gRPC downlink to the real agent: verified, refused with a reason central
/// reads back, shadowed on live picks from a simulated handheld, promoted or kept, rolled back.
/// The fixtures are the training tool's models of a floor 4× faster and 4× slower than the shipped one's.
/// </summary>
public sealed class ModelUpdateOverDownlinkTests : IAsyncLifetime
{
    private const string Token = "sup-token";
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Planning", "ModelUpdates");
    private readonly string _central = Directory.CreateTempSubdirectory("edgeagent-central-").FullName;
    private readonly string _data = Directory.CreateTempSubdirectory("edgeagent-host-").FullName;
    private readonly Grpc.Core.Metadata _admin = new() { { "authorization", "Bearer admin-token" } };
    private WebApplication _ingress = null!;
    private Grpc.Net.Client.GrpcChannel _channel = null!;

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
        _channel = Grpc.Net.Client.GrpcChannel.ForAddress(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{IngressApp.BoundPort(_ingress)}"));
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _ingress.StopAsync();
        await _ingress.DisposeAsync();
        Directory.Delete(_central, recursive: true);
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task BetterModel_IsVerifiedShadowedOnLivePicksAndPromoted_ThenOneCallRollsItBack()
    {
        await using var agent = await StartAgentAsync();
        await SendAsync("upd-faster", Fixture("faster"));
        await WaitAsync(agent, () => Library(agent).Current.Shadow?.UpdateId == "upd-faster");

        var decided = await PickUntilDecidedAsync(agent, "upd-faster");

        Assert.True(decided.Promoted, $"{decided.Measure}: candidate {decided.CandidateError} current {decided.CurrentError}");
        Assert.Equal(("1.0.0", "1.1.0-faster"), (decided.CurrentVersion, decided.CandidateVersion));
        Assert.True(decided.Samples >= 3);
        // The decision is committed first, then the library swaps the models in: wait for the swap, not the event.
        await WaitAsync(agent, () => Library(agent).Current.PickDuration!.Identity.Version == "1.1.0-faster");
        var audit = Audit(agent).Single(r => r.ActionType == "planning.model-update");
        Assert.Equal(("promoted", decided.AuditSeq), (audit.Verdict, audit.Seq));
        await WaitAsync(agent, () => agent.Services.GetRequiredService<PlanBoard>().Current.Models.Contains("pick-duration@1.1.0-faster", StringComparison.Ordinal));

        using var rollback = await agent.SendAsync(HttpMethod.Post, "/api/planning/models/pick-duration/rollback", Token, """{"reason":"late orders since the update"}""");

        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        Assert.Equal("1.0.0", Library(agent).Current.PickDuration!.Identity.Version);
        var rolledBack = Store(agent).Read(db => new FloorCollections(db).Events.OfType<ModelRolledBack>().Single());
        Assert.Equal(("1.1.0-faster", "1.0.0", "sam"), (rolledBack.FromVersion, rolledBack.ToVersion, rolledBack.Actor));
        Assert.Contains(Audit(agent), r => r.ActionType == "planning.model-rollback" && r.Actor == "sam");
        var atCentral = await CentralEventsAsync(e => e.Type == "model.rolled-back");
        Assert.Equal("1.0.0", atCentral.ModelRolledBack.ToVersion);
    }

    [Fact]
    public async Task WorseModel_IsKeptOut_AndTheCurrentOneStaysInCharge()
    {
        await using var agent = await StartAgentAsync();
        await SendAsync("upd-slower", Fixture("slower"));
        await WaitAsync(agent, () => Library(agent).Current.Shadow?.UpdateId == "upd-slower");

        var decided = await PickUntilDecidedAsync(agent, "upd-slower");

        Assert.False(decided.Promoted);
        Assert.True(decided.CandidateError > decided.CurrentError);
        Assert.Equal("1.0.0", Library(agent).Current.PickDuration!.Identity.Version);
        await WaitAsync(agent, () => Library(agent).Current.Shadow is null);
        var atCentral = await CentralEventsAsync(e => e.Type == "model.shadow-decided");
        Assert.False(atCentral.ModelShadowDecided.Promoted);
    }

    [Fact]
    public async Task TamperedMismatchedOrMalformedModels_AreRefused_AndCentralReadsEachReasonCode()
    {
        await using var agent = await StartAgentAsync();
        var (manifest, onnx) = Fixture("faster");
        var tampered = onnx.ToArray();
        tampered[tampered.Length / 2] ^= 0x5A;
        var reordered = manifest.Replace("\"TravelMetres\",\n    \"AisleChanges\"", "\"AisleChanges\",\n    \"TravelMetres\"", StringComparison.Ordinal);
        var wrongCheck = manifest.Replace("\"expected\": 1", "\"expected\": 9", StringComparison.Ordinal);
        Assert.NotEqual(manifest, reordered);
        Assert.NotEqual(manifest, wrongCheck);

        await SendAsync("upd-tampered", (manifest, tampered));
        await SendAsync("upd-reordered", (reordered, onnx));
        await SendAsync("upd-checkset", (wrongCheck, onnx));
        await AppendAsync(new AppendCommandRequest { GatewayId = "gw1", CommandId = "upd-garbage/0", Kind = CommandKind.ModelUpdate, Payload = Google.Protobuf.ByteString.CopyFromUtf8("not a chunk") });

        var expected = new Dictionary<string, string>
        {
            ["upd-tampered"] = ModelUpdateRefusal.HashMismatch,
            ["upd-reordered"] = ModelUpdateRefusal.ManifestMismatch,
            ["upd-checkset"] = ModelUpdateRefusal.CheckSetFailed,
            ["(unknown)"] = ModelUpdateRefusal.Malformed,
        };
        var refused = new Dictionary<string, string>();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (refused.Count < expected.Count)
        {
            await Task.Delay(100, wait.Token);
            foreach (var e in await ReadCentralAsync(wait.Token))
            {
                if (e.Type == "model.update-refused")
                {
                    refused[e.ModelUpdateRefused.UpdateId] = e.ModelUpdateRefused.ReasonCode;
                }
            }
        }

        Assert.Equal(expected.OrderBy(p => p.Key), refused.OrderBy(p => p.Key));
        Assert.Equal("1.0.0", Library(agent).Current.PickDuration!.Identity.Version);
        await WaitAsync(agent, () => Library(agent).Current.Shadow is null);
        var rejected = Store(agent).Read(db => new FloorCollections(db).Events.OfType<CommandRejected>().Where(c => c.Kind == "ModelUpdate").ToList());
        Assert.Contains(rejected, c => c.Reason.StartsWith("hash-mismatch: ", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(Library(agent).Root, "pick-duration", "upd-tampered")));
    }

    [Fact]
    public async Task RestartMidTransfer_KeepsTheStoredChunks_AndTheUpdateCompletesWithTheRest()
    {
        var (manifest, onnx) = Fixture("faster");
        var commands = ModelUpdateCommands.Split("gw1", "upd-restart", "pick-duration", Encoding.UTF8.GetBytes(manifest), onnx, chunkBytes: 20_000);
        Assert.True(commands.Count > 3);
        await using (var first = await StartAgentAsync())
        {
            foreach (var command in commands.Take(3))
            {
                await AppendAsync(command);
            }

            await WaitAsync(first, () => Update(first, "upd-restart")?.Received == 3);
        }

        await using var second = await StartAgentAsync();
        Assert.Equal((3, ModelUpdateState.Receiving), (Update(second, "upd-restart")!.Received, Update(second, "upd-restart")!.State));
        foreach (var command in commands.Skip(3))
        {
            await AppendAsync(command);
        }

        await WaitAsync(second, () => Library(second).Current.Shadow?.UpdateId == "upd-restart");
        Assert.Equal((commands.Count, ModelUpdateState.Shadow), (Update(second, "upd-restart")!.Received, Update(second, "upd-restart")!.State));
        Assert.Equal("1.1.0-faster", Library(second).Current.Shadow!.Identity.Version);
        Assert.Equal(0, Store(second).Read(db => db.GetCollection<ModelUpdateChunkRecord>(ModelUpdateChunkRecord.Collection).Count()));
    }

    [Fact]
    public async Task RestartMidShadowTrial_CarriesOnItsOutcomesAndPeriod_InsteadOfCountingAgain()
    {
        DateTimeOffset startedAt;
        int counted;
        await using (var first = await StartAgentAsync(samples: 6))
        {
            await SendAsync("upd-resume", Fixture("faster"));
            await WaitAsync(first, () => Library(first).Current.Shadow?.UpdateId == "upd-resume");
            startedAt = Library(first).Current.Shadow!.StartedAt;
            await first.ReleaseAsync(Tasks(60));
            await PickUntilAsync(first, () => Update(first, "upd-resume")?.ShadowTally is { Samples: >= 2 } ? "" : null);
            counted = Update(first, "upd-resume")!.ShadowTally!.Samples;
            Assert.InRange(counted, 2, 5);
        }

        await using var second = await StartAgentAsync(samples: 6);
        await WaitAsync(second, () => Library(second).Current.Shadow?.UpdateId == "upd-resume");
        var resumed = Library(second).Current.Shadow!;

        Assert.Equal(counted, resumed.Tally?.Samples);
        Assert.Equal(startedAt.UtcDateTime, resumed.StartedAt.UtcDateTime, TimeSpan.FromMilliseconds(1));
        // A new handheld and picker: hh-1's own message numbers went with the first run's client.
        var decided = await PickUntilAsync(second, () => Decided(second, "upd-resume"), "hh-2", "P-2");
        Assert.True(decided.Samples >= 6, $"the verdict counts the outcomes from before the restart too, got {decided.Samples}");
        Assert.True(decided.Promoted, $"{decided.Measure}: candidate {decided.CandidateError} current {decided.CurrentError}");
    }

    [Fact]
    public async Task LateRiskUpdate_IsShadowedOnTheOrdersThatFinish_AndDecidedOnCalibration()
    {
        // The shipped late-risk model sent again as a retrained version: the trial scores both on the same orders.
        var shipped = Path.Combine(AppContext.BaseDirectory, "models");
        var manifest = File.ReadAllText(Path.Combine(shipped, "late-risk.manifest.json"))
            .Replace("\"version\": \"1.0.0\"", "\"version\": \"1.0.1-retrained\"", StringComparison.Ordinal);
        var onnx = File.ReadAllBytes(Path.Combine(shipped, "late-risk.onnx"));
        await using var agent = await StartAgentAsync(samples: 2);
        foreach (var command in ModelUpdateCommands.Split("gw1", "upd-risk", "late-risk", Encoding.UTF8.GetBytes(manifest), onnx, chunkBytes: 50_000))
        {
            await AppendAsync(command);
        }

        await WaitAsync(agent, () => Library(agent).Current.Shadow?.UpdateId == "upd-risk");
        Assert.Equal("1.0.1-retrained", Library(agent).Current.Shadow!.Identity.Version);

        var decided = await PickUntilDecidedAsync(agent, "upd-risk");

        Assert.Equal(("late-risk", ShadowTrial.CalibrationGap, "1.0.0", "1.0.1-retrained"), (decided.ModelName, decided.Measure, decided.CurrentVersion, decided.CandidateVersion));
        Assert.True(decided.Samples >= 2, $"scored on finished orders, got {decided.Samples}");
        Assert.Equal(decided.CurrentError, decided.CandidateError, 6); // the same model predicts the same risks
        Assert.True(decided.Promoted);
        await WaitAsync(agent, () => Library(agent).Current.LateRisk!.Identity.Version == "1.0.1-retrained");
        Assert.Contains(Audit(agent), r => r.ActionType == "planning.model-update" && r.Verdict == "promoted" && r.Seq == decided.AuditSeq);
    }

    private static ModelShadowDecided? Decided(RunningAgent agent, string updateId) =>
        Store(agent).Read(db => new FloorCollections(db).Events.OfType<ModelShadowDecided>().FirstOrDefault(d => d.UpdateId == updateId));

    private static async Task<ModelShadowDecided> PickUntilDecidedAsync(RunningAgent agent, string updateId)
    {
        await agent.ReleaseAsync(Tasks(60));
        return await PickUntilAsync(agent, () => Decided(agent, updateId));
    }

    /// <summary>One picker works through the released tasks until <paramref name="done"/> answers something.</summary>
    private static async Task<T> PickUntilAsync<T>(RunningAgent agent, Func<T?> done, string device = "hh-1", string picker = "P-1")
        where T : class
    {
        await using var handheld = new HandheldClient(new HandheldClientOptions { Port = agent.BrokerPort, DeviceId = device, Password = RunningAgent.Password(device) }, TimeProvider.System);
        using var wait = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await handheld.ConnectAsync(wait.Token);
        var prompt = await handheld.SendAsync(HandheldBodies.Login(picker), wait.Token);
        while (true)
        {
            if (done() is { } result)
            {
                return result;
            }

            var task = prompt.Task ?? throw new InvalidOperationException($"No task left before the shadow trial decided: {prompt.Text}");
            // Give the planner a round with the picker's next step in both plans (pacing only; nothing is timed).
            await Task.Delay(400, wait.Token);
            await handheld.SendAsync(HandheldBodies.Scan(task.Location), wait.Token);
            await handheld.SendAsync(HandheldBodies.Scan(task.Sku), wait.Token);
            prompt = await handheld.SendAsync(HandheldBodies.Confirm(task.Qty), wait.Token);
        }
    }

    private async Task SendAsync(string updateId, (string Manifest, byte[] Onnx) model)
    {
        foreach (var command in ModelUpdateCommands.Split("gw1", updateId, "pick-duration", Encoding.UTF8.GetBytes(model.Manifest), model.Onnx, chunkBytes: 50_000))
        {
            await AppendAsync(command);
        }
    }

    private async Task AppendAsync(AppendCommandRequest command) =>
        await new CentralAdmin.CentralAdminClient(_channel).AppendCommandAsync(command, _admin);

    private async Task<List<FloorWire>> ReadCentralAsync(CancellationToken ct)
    {
        var events = new List<FloorWire>();
        using var call = new CentralAdmin.CentralAdminClient(_channel).ReadEvents(new ReadEventsRequest { GatewayId = "gw1", Lane = "business", MaxEvents = 100_000 }, _admin, cancellationToken: ct);
        while (await call.ResponseStream.MoveNext(ct))
        {
            events.Add(FloorWire.Parser.ParseFrom(call.ResponseStream.Current.Payload));
        }

        return events;
    }

    private async Task<FloorWire> CentralEventsAsync(Func<FloorWire, bool> match)
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            if ((await ReadCentralAsync(wait.Token)).FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(100, wait.Token);
        }
    }

    private async Task<RunningAgent> StartAgentAsync(int samples = 3)
    {
        var settings = RunningAgent.Settings(_data, "hh-1", "hh-2");
        settings["CloudBridge:Uplink:Address"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{IngressApp.BoundPort(_ingress)}");
        settings["CloudBridge:Uplink:Token"] = "test-token";
        settings["Models:Shadow:Samples"] = samples.ToString(CultureInfo.InvariantCulture);
        // A loaded test machine must not push either plan onto the rule: the trial compares model plans only.
        settings["Planning:DeadlineMilliseconds"] = "2000";
        settings["Planning:MinIntervalMilliseconds"] = "50";
        RunningAgent.AddOperator(settings, "sam", "Supervisor", Token);
        return await RunningAgent.StartAsync(settings);
    }

    private static (string Manifest, byte[] Onnx) Fixture(string name) => (
        File.ReadAllText(Path.Combine(Fixtures, name, "pick-duration.manifest.json")),
        File.ReadAllBytes(Path.Combine(Fixtures, name, "pick-duration.onnx")));

    private static NewPickTask[] Tasks(int count) => [.. Enumerable.Range(1, count).Select(i => new NewPickTask(
        $"T-{i:00}", $"{(char)('A' + (i % 4))}-{1 + (i * 7 % 40):00}-{1 + (i % 3)}", $"SKU-{i}", 1 + (i % 3), DateTimeOffset.UtcNow.AddMinutes(20 + (i * 5)), OrderId: $"SO-{(i + 1) / 2}"))];

    private static ModelLibrary Library(RunningAgent agent) => agent.Services.GetRequiredService<ModelLibrary>();

    private static DurableStore Store(RunningAgent agent) => agent.Services.GetRequiredService<DurableStore>();

    private static ModelUpdateRecord? Update(RunningAgent agent, string id) =>
        Store(agent).Read(db => db.GetCollection<ModelUpdateRecord>(ModelUpdateRecord.Collection).FindById(id));

    private static List<EdgeAgent.Audit.AuditRecord> Audit(RunningAgent agent) => Store(agent).Read(db => new EdgeAgent.Audit.AuditCollections(db).Page(0, 1000));

    private static async Task WaitAsync(RunningAgent agent, Func<bool> done)
    {
        _ = agent;
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!done())
        {
            await Task.Delay(50, wait.Token);
        }
    }
}
