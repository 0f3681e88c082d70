using EdgeAgent.Events;
using System.Net;
using EdgeAgent.Audit;
using EdgeAgent.Fulfilment;
using EdgeAgent.Planning;
using EdgeAgent.Simulators.Handhelds;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Tests.Planning;

/// <summary>The planner in the real agent: real ONNX models from the shipped files, real store, real broker.</summary>
public sealed class PickPlannerTests
{
    private const string Token = "sup-token-7";

    [Fact]
    public async Task ShippedModels_PlanThePickersWork_AndThePickLoopFollowsThePlan()
    {
        await using var agent = await StartAsync();
        await agent.ReleaseAsync(Tasks(12));
        await using var handheld = await ConnectAsync(agent);

        var first = await handheld.SendAsync(HandheldBodies.Login("P-1"), Timeout());
        var plan = await WaitForPlanAsync(agent, p => p.ByPicker.ContainsKey("P-1") && p.Method == "model");
        await PickAsync(handheld, first.Task!);
        var planned = agent.Services.GetRequiredService<PlanBoard>().Current;

        Assert.Contains("pick-duration@", plan.Models, StringComparison.Ordinal);
        Assert.Contains("late-risk@", plan.Models, StringComparison.Ordinal);
        var decisions = Audit(agent).Where(r => r.ActionType == "task.assign").ToList();
        Assert.Equal(2, decisions.Count);
        var second = decisions[1];
        Assert.True(second.Method is "model:rebalancer" or "rule:earliest-cutoff-nearest", second.Method);
        if (second.Method == "model:rebalancer")
        {
            Assert.Contains("pick-duration@", second.MethodVersion, StringComparison.Ordinal);
            Assert.Contains("\"predictedSeconds\":", second.Inputs, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("model unsure", second.Reason, StringComparison.Ordinal);
        }

        Assert.True(planned.Seq >= plan.Seq);
        Assert.True(Store(agent).Read(db => AuditVerifier.Verify(db)).Intact);
    }

    [Fact]
    public async Task TamperedModel_IsRefused_AndTheRulePlansWhileTheAgentRuns()
    {
        var models = Directory.CreateTempSubdirectory("edgeagent-models-").FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "models")))
        {
            File.Copy(file, Path.Combine(models, Path.GetFileName(file)));
        }

        var onnx = Path.Combine(models, "pick-duration.onnx");
        var bytes = await File.ReadAllBytesAsync(onnx);
        bytes[bytes.Length / 2] ^= 0x5A;
        await File.WriteAllBytesAsync(onnx, bytes);
        await using var agent = await StartAsync(("Planning:ModelDirectory", models));
        await agent.ReleaseAsync(Tasks(3));
        await using var handheld = await ConnectAsync(agent);

        var prompt = await handheld.SendAsync(HandheldBodies.Login("P-1"), Timeout());
        var plan = await WaitForPlanAsync(agent, p => p.ByPicker.ContainsKey("P-1"));

        Assert.NotNull(prompt.Task);
        Assert.Equal("rule", plan.Method);
        Assert.StartsWith("NoModelLoaded", plan.FallbackReason, StringComparison.Ordinal);
        var rejected = Store(agent).Read(db => new FloorCollections(db).Events.OfType<ModelRejected>());
        Assert.Contains(rejected, e => e.ModelName == "pick-duration" && e.Reason == "HashMismatch");
        Directory.Delete(models, recursive: true);
    }

    [Fact]
    public async Task BlockedAisle_KeepsPickersOut_UntilTheSupervisorReopensIt()
    {
        await using var agent = await StartAsync();
        await agent.ReleaseAsync(new NewPickTask("T-A", "A-01-1", "SKU-1", 1, DateTimeOffset.UtcNow.AddMinutes(10)), new NewPickTask("T-B", "B-30-1", "SKU-2", 1, DateTimeOffset.UtcNow.AddHours(2)));

        using var block = await SendAsync(agent, HttpMethod.Put, "/api/planning/blocks/aisle/a", """{"reason":"spill"}""");
        using var again = await SendAsync(agent, HttpMethod.Put, "/api/planning/blocks/aisle/A", null);
        await using var handheld = await ConnectAsync(agent);
        var prompt = await handheld.SendAsync(HandheldBodies.Login("P-1"), Timeout());
        using var reopen = await SendAsync(agent, HttpMethod.Delete, "/api/planning/blocks/aisle/A", null);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.OK), (block.StatusCode, again.StatusCode, reopen.StatusCode));
        Assert.Contains("already blocked by sam", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("T-B", prompt.Task?.Id);
        var actions = Audit(agent).Where(r => r.ActionType == FloorBlocking.ActionType).Select(r => (r.Actor, r.Verdict, r.Trigger)).ToList();
        Assert.Equal([("sam", "blocked", "aisle:A"), ("sam", "unblocked", "aisle:A")], actions);
    }

    [Theory]
    [InlineData("PUT", "/api/planning/blocks/shelf/A", Token, HttpStatusCode.BadRequest, "'aisle' or a 'zone'")]
    [InlineData("PUT", "/api/planning/blocks/aisle/AB", Token, HttpStatusCode.BadRequest, "one letter")]
    [InlineData("DELETE", "/api/planning/blocks/zone/cold", Token, HttpStatusCode.NotFound, "zone:COLD is not blocked")]
    [InlineData("POST", "/api/planning/reenable", Token, HttpStatusCode.Conflict, "no drift alarm is latched")]
    [InlineData("PUT", "/api/planning/blocks/aisle/C", null, HttpStatusCode.Unauthorized, "")]
    public async Task BadRequests_GetTheirSpecificError_AndChangeNothing(string method, string path, string? token, HttpStatusCode status, string says)
    {
        await using var agent = await StartAsync();
        var before = Audit(agent).Count;

        using var response = await SendAsync(agent, new HttpMethod(method), path, null, token);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(says, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, Audit(agent).Count);
        Assert.Empty(Store(agent).Read(db => new FloorCollections(db).Blocks.FindAll().ToList()));
    }

    private static async Task<RunningAgent> StartAsync(params (string Key, string Value)[] extra)
    {
        var settings = RunningAgent.Settings(Directory.CreateTempSubdirectory("edgeagent-host-").FullName, "hh-1");
        RunningAgent.AddOperator(settings, "sam", "Supervisor", Token);
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return await RunningAgent.StartAsync(settings, ownsDirectory: true);
    }

    private static NewPickTask[] Tasks(int count) => [.. Enumerable.Range(1, count).Select(i => new NewPickTask(
        $"T-{i:00}", $"{(char)('A' + (i % 4))}-{1 + (i * 7 % 40):00}-{1 + (i % 3)}", $"SKU-{i}", 1 + (i % 3), DateTimeOffset.UtcNow.AddMinutes(20 + (i * 5)), OrderId: $"SO-{(i + 1) / 2}"))];

    private static async Task<HandheldClient> ConnectAsync(RunningAgent agent)
    {
        var handheld = new HandheldClient(new HandheldClientOptions { Port = agent.BrokerPort, DeviceId = "hh-1", Password = RunningAgent.Password("hh-1") }, TimeProvider.System);
        await handheld.ConnectAsync(Timeout());
        return handheld;
    }

    private static async Task PickAsync(HandheldClient handheld, SimTask task)
    {
        await handheld.SendAsync(HandheldBodies.Scan(task.Location), Timeout());
        await handheld.SendAsync(HandheldBodies.Scan(task.Sku), Timeout());
        await handheld.SendAsync(HandheldBodies.Confirm(task.Qty), Timeout());
    }

    private static async Task<PickPlan> WaitForPlanAsync(RunningAgent agent, Func<PickPlan, bool> ready)
    {
        var board = agent.Services.GetRequiredService<PlanBoard>();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!ready(board.Current))
        {
            await Task.Delay(20, wait.Token);
        }

        return board.Current;
    }

    private static Task<HttpResponseMessage> SendAsync(RunningAgent agent, HttpMethod method, string path, string? body, string? token = Token) =>
        agent.SendAsync(method, path, token, body);

    private static DurableStore Store(RunningAgent agent) => agent.Services.GetRequiredService<DurableStore>();

    private static List<AuditRecord> Audit(RunningAgent agent) => Store(agent).Read(db => new AuditCollections(db).Page(0, 1000));

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
}
