using System.Net;
using System.Text.Json;
using EdgeAgent.Audit;
using EdgeAgent.Governance;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Tests.Governance;

/// <summary>The operator endpoints on the real agent: authentication, roles, and bad input that changes nothing.</summary>
public sealed class GovernanceEndpointsTests : IAsyncLifetime
{
    private const string SupervisorToken = "sup-token-123";
    private const string AdminToken = "adm-token-456";
    private RunningAgent _agent = null!;

    public async Task InitializeAsync()
    {
        var settings = RunningAgent.Settings(Directory.CreateTempSubdirectory("edgeagent-host-").FullName, "hh-1");
        RunningAgent.AddOperator(settings, "sam", "Supervisor", SupervisorToken);
        RunningAgent.AddOperator(settings, "ada", "Admin", AdminToken);
        settings["Governance:Rights:task.reassign:Mode"] = "Assisted";
        _agent = await RunningAgent.StartAsync(settings, ownsDirectory: true);
        await _agent.ReleaseAsync(new EdgeAgent.Fulfilment.NewPickTask("T-9", "A-01-1", "SKU-1", 1, null, "A", "SO-9"));
    }

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    private DurableStore Store => _agent.Services.GetRequiredService<DurableStore>();

    private long AuditCount => Store.Read(db => new AuditCollections(db).Records.LongCount());

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? body = null) =>
        _agent.SendAsync(method, path, token, body);

    private async Task<long> QueueApprovalAsync()
    {
        var gate = _agent.Services.GetRequiredService<GovernanceGate>();
        var verdict = await Store.WriteAsync(db => gate.Decide(db, GovernanceFixture.Reassign("T-9", null)));
        Assert.Equal(VerdictKind.AwaitApproval, verdict.Kind);
        return verdict.DecisionSeq;
    }

    [Fact]
    public async Task Supervisor_HoldsAnOrderByHand_ItIsAuditedAndWithheld_ThenReleased()
    {
        using var hold = await SendAsync(HttpMethod.Post, "/api/governance/holds/SO-9", SupervisorToken, """{"reason":"customer called"}""");
        using var again = await SendAsync(HttpMethod.Post, "/api/governance/holds/SO-9", AdminToken);
        using var unknown = await SendAsync(HttpMethod.Post, "/api/governance/holds/SO-404", SupervisorToken);
        var held = Store.Read(db => new EdgeAgent.Fulfilment.FloorCollections(db).Holds.FindById("SO-9"));
        var record = Store.Read(db => new AuditCollections(db).Records.FindOne(r => r.Verdict == "held by hand"));
        using var release = await SendAsync(HttpMethod.Post, "/api/governance/holds/SO-9/release", SupervisorToken);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.NotFound), (hold.StatusCode, again.StatusCode, unknown.StatusCode));
        Assert.Equal(("sam", record.Seq), (held.HeldBy, held.DecisionSeq));
        Assert.Equal(("sam", "customer called"), (record.Actor, record.Reason));
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        Assert.Null(Store.Read(db => new EdgeAgent.Fulfilment.FloorCollections(db).Holds.FindById("SO-9")));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("wrong-token", HttpStatusCode.Unauthorized)]
    [InlineData(SupervisorToken, HttpStatusCode.OK)]
    public async Task ApprovalList_NeedsAnOperatorsToken(string? token, HttpStatusCode expected)
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/approvals", token);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task PendingApproval_IsListedWithItsContext_AndApprovedByTheAuthenticatedSupervisor()
    {
        var id = await QueueApprovalAsync();

        using var list = JsonDocument.Parse(await (await SendAsync(HttpMethod.Get, "/api/approvals", SupervisorToken)).Content.ReadAsStringAsync());
        using var approve = await SendAsync(HttpMethod.Post, $"/api/approvals/{id}/approve", SupervisorToken);
        using var again = await SendAsync(HttpMethod.Post, $"/api/approvals/{id}/reject", AdminToken, """{"reason":"no"}""");

        var item = Assert.Single(list.RootElement.EnumerateArray());
        Assert.Equal("rebalancer", item.GetProperty("context").GetProperty("method").GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        Assert.Equal(("sam", "approved"), (Store.Read(db => new AuditCollections(db).Page(id, 10))[0].Actor, Store.Read(db => new AuditCollections(db).Page(id, 10))[0].Verdict));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Approved by sam", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/approvals/999/approve", "", HttpStatusCode.NotFound)]
    [InlineData("/api/approvals/{id}/reject", "{}", HttpStatusCode.BadRequest)]
    [InlineData("/api/approvals/{id}/reject", "{ not json", HttpStatusCode.BadRequest)]
    [InlineData("/api/approvals/{id}/edit", """{"outcome":"T-1"}""", HttpStatusCode.BadRequest)]
    [InlineData("/api/approvals/{id}/edit", """{"outcome":{"taskId":"T-404"}}""", HttpStatusCode.BadRequest)]
    [InlineData("/api/governance/decisions/{id}/override", """{"outcome":{"taskId":"T-9"}}""", HttpStatusCode.Conflict)]
    [InlineData("/api/governance/decisions/999/override", """{"outcome":{"taskId":"T-9"}}""", HttpStatusCode.NotFound)]
    public async Task BadApprovalOrOverrideRequest_GetsASpecificError_AndChangesNothing(string path, string body, HttpStatusCode expected)
    {
        var id = await QueueApprovalAsync();
        var before = AuditCount;

        using var response = await SendAsync(HttpMethod.Post, path.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), SupervisorToken, body);

        Assert.Equal(expected, response.StatusCode);
        Assert.NotEmpty(await response.Content.ReadAsStringAsync());
        Assert.Equal(before, AuditCount);
        Assert.Equal(ApprovalStatus.Pending, Store.Read(db => new GovernanceCollections(db).Approvals.FindById(id)).Status);
    }

    [Fact]
    public async Task MatrixChange_ByASupervisor_IsForbidden_AndByAnAdmin_IsStoredAndAudited()
    {
        const string body = """{"rights":{"task.reassign":{"mode":"Automated","minConfidence":0.95}},"reason":"pilot over"}""";

        using var forbidden = await SendAsync(HttpMethod.Put, "/api/governance/rights", SupervisorToken, body);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(0, AuditCount);

        using var changed = await SendAsync(HttpMethod.Put, "/api/governance/rights", AdminToken, body);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var record = Assert.Single(Store.Read(db => new AuditCollections(db).Page(0, 10)));
        Assert.Equal((AuditKind.ConfigurationChange, "ada"), (record.Kind, record.Actor));
        var rights = _agent.Services.GetRequiredService<RightsBook>();
        Assert.Equal(0.95, Store.Read(db => rights.Current(db)).For(ActionTypes.TaskReassign).MinConfidence);
    }

    [Theory]
    [InlineData("""{"rights":{"task.reassign":{"mode":"Sometimes"}}}""", "Governance:Rights:task.reassign:Mode must be Automated, Assisted or HumanOnly")]
    [InlineData("""{"rights":{"task.teleport":{"mode":"Automated"}}}""", "Governance:Rights:task.teleport")]
    [InlineData("""{"rights":{"task.reassign":{"mode":"Automated","minConfidence":7}}}""", "MinConfidence must be between 0 and 1")]
    [InlineData("""{"rights":{"task.reassign":{"mode":"Automated","scopes":[{"zone":"A","mode":"Automated"},{"zone":"A","mode":"HumanOnly"}]}}}""", "contradicts")]
    [InlineData("""{"rights": [1, 2]}""", "not valid JSON for this request")]
    [InlineData("""{}""", "The body needs the matrix")]
    public async Task MalformedMatrix_Gets400WithTheReason_AndChangesNothing(string body, string reason)
    {
        using var response = await SendAsync(HttpMethod.Put, "/api/governance/rights", AdminToken, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, AuditCount);
        Assert.Null(Store.Read(db => new GovernanceCollections(db).Rights.FindById(RightsDocument.SingletonId)));
    }

    [Fact]
    public async Task ZonePause_AndResume_AreAuditedWithTheSupervisorsName_AndABadTargetIs400()
    {
        using var bad = await SendAsync(HttpMethod.Put, "/api/governance/pauses/aisle/A", SupervisorToken);
        using var paused = await SendAsync(HttpMethod.Put, "/api/governance/pauses/zone/A", SupervisorToken, """{"reason":"spill"}""");
        using var list = await SendAsync(HttpMethod.Get, "/api/governance/pauses", SupervisorToken);
        using var resumed = await SendAsync(HttpMethod.Delete, "/api/governance/pauses/zone/A", SupervisorToken);
        using var notPaused = await SendAsync(HttpMethod.Delete, "/api/governance/pauses/zone/A", SupervisorToken);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound), (bad.StatusCode, paused.StatusCode, resumed.StatusCode, notPaused.StatusCode));
        Assert.Contains("spill", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["paused", "resumed"], Store.Read(db => new AuditCollections(db).Page(0, 10)).Select(r => $"{r.Verdict}"));
    }

    [Fact]
    public async Task AuditEndpoints_PageTheChain_AndVerifyIt()
    {
        await QueueApprovalAsync();
        await QueueApprovalAsync();

        using var page = JsonDocument.Parse(await (await SendAsync(HttpMethod.Get, "/api/audit?after=1&limit=5", SupervisorToken)).Content.ReadAsStringAsync());
        using var verify = await SendAsync(HttpMethod.Get, "/api/audit/verify", SupervisorToken);
        using var unauthenticated = await SendAsync(HttpMethod.Get, "/api/audit/verify", null);

        Assert.Equal(2, Assert.Single(page.RootElement.GetProperty("records").EnumerateArray()).GetProperty("seq").GetInt64());
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        Assert.Contains("\"intact\":true", await verify.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }
}
