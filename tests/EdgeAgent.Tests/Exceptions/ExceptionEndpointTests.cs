using EdgeAgent.Events;
using System.Net;
using System.Text.Json;
using EdgeAgent.Audit;
using EdgeAgent.Exceptions;
using EdgeAgent.Fulfilment;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Tests.Exceptions;

/// <summary>The exception endpoints through the real agent; every refusal leaves the case, the events and the audit chain as they were.</summary>
public sealed class ExceptionEndpointTests : IAsyncLifetime
{
    private const string AnaToken = "ana-token-1";
    private const string BoToken = "bo-token-2";
    private RunningAgent _agent = null!;
    private long _id;

    public async Task InitializeAsync()
    {
        var settings = RunningAgent.Settings(Directory.CreateTempSubdirectory("edgeagent-host-").FullName, "hh-1");
        RunningAgent.AddOperator(settings, "ana", "Supervisor", AnaToken);
        RunningAgent.AddOperator(settings, "bo", "Supervisor", BoToken);
        _agent = await RunningAgent.StartAsync(settings, ownsDirectory: true);
        var journal = _agent.Services.GetRequiredService<FloorJournal>();
        await Store.WriteAsync(db =>
        {
            new FloorCollections(db, journal).Record(new ConveyorJammed { At = DateTime.UtcNow, DeviceId = "pe-3", BlockedSince = DateTime.UtcNow });
            return 0;
        });
        _id = Store.Read(db => ExceptionBook.Cases(db).FindAll().Single().Id);
    }

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    private DurableStore Store => _agent.Services.GetRequiredService<DurableStore>();

    [Fact]
    public async Task List_ByTeam_ReturnsTheOpenJam()
    {
        using var list = JsonDocument.Parse(await GetStringAsync("/api/exceptions?team=maintenance&status=open&limit=5"));
        using var other = JsonDocument.Parse(await GetStringAsync("/api/exceptions?team=warehouse"));

        var c = Assert.Single(list.RootElement.EnumerateArray());
        Assert.Equal((ExceptionTypes.Jam, "maintenance"), (c.GetProperty("type").GetString(), c.GetProperty("team").GetString()));
        Assert.Empty(other.RootElement.EnumerateArray());
    }

    [Fact]
    public async Task Resolve_ThenResolveAgain_Is409_WithWhoAndWhen_AndChangesNothing()
    {
        using var ok = await PostAsync($"/api/exceptions/{_id}/resolve", """{"code":"fixed","note":"belt re-tracked"}""");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var before = Snapshot();

        using var again = await PostAsync($"/api/exceptions/{_id}/resolve", """{"code":"false-alarm"}""", BoToken);
        using var ack = await PostAsync($"/api/exceptions/{_id}/acknowledge", "", BoToken);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (again.StatusCode, ack.StatusCode));
        var detail = await again.Content.ReadAsStringAsync();
        Assert.Contains("resolved by ana at", detail, StringComparison.Ordinal);
        Assert.Contains("with code fixed", detail, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task Escalate_ByHand_GoesOneStepUpTheChain_IsAudited_AndStopsAtItsEnd()
    {
        using var first = await PostAsync($"/api/exceptions/{_id}/escalate", """{"note":"belt still stuck"}""");
        using var second = await PostAsync($"/api/exceptions/{_id}/escalate", "", BoToken);
        var before = Snapshot();
        using var third = await PostAsync($"/api/exceptions/{_id}/escalate", "");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Conflict), (first.StatusCode, second.StatusCode, third.StatusCode));
        var c = Store.Read(db => ExceptionBook.Cases(db).FindById(_id));
        Assert.Equal((2, "operations-manager"), (c.Level, c.Queue));
        Assert.Contains("cannot be escalated further", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var byHand = Store.Read(db => new AuditCollections(db).Records.Find(r => r.Verdict == "escalated by hand").ToList());
        Assert.Equal(["ana", "bo"], byHand.Select(r => r.Actor));
        Assert.Equal("belt still stuck", byHand[0].Reason);
        Assert.Equal(before, Snapshot());
    }

    [Theory]
    [InlineData("/api/exceptions/999999/resolve", """{"code":"fixed"}""", AnaToken, HttpStatusCode.NotFound, "No exception 999999")]
    [InlineData("/api/exceptions/999999/acknowledge", "", AnaToken, HttpStatusCode.NotFound, "No exception 999999")]
    [InlineData("/api/exceptions/{id}/resolve", """{"code":"kicked-it"}""", AnaToken, HttpStatusCode.BadRequest, "use one of: fixed, replenished")]
    [InlineData("/api/exceptions/{id}/resolve", """{"code":""", AnaToken, HttpStatusCode.BadRequest, "not a JSON object")]
    [InlineData("/api/exceptions/{id}/resolve", """{"note":"no code"}""", AnaToken, HttpStatusCode.BadRequest, "is not a resolution code")]
    [InlineData("/api/exceptions/{id}/acknowledge", """[1,2]""", AnaToken, HttpStatusCode.BadRequest, "not a JSON object")]
    [InlineData("/api/exceptions/{id}/acknowledge", "", null, HttpStatusCode.Unauthorized, "")]
    [InlineData("/api/exceptions/{id}/resolve", """{"code":"fixed"}""", "not-a-token", HttpStatusCode.Unauthorized, "")]
    public async Task BadInput_GetsItsSpecificError_AndChangesNothing(string path, string body, string? token, HttpStatusCode status, string says)
    {
        var before = Snapshot();

        using var response = await PostAsync(path.Replace("{id}", _id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), body, token);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(says, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task AcknowledgeThenResolve_AreHumanActionsInTheAuditChain_UnderTheOperatorsName()
    {
        using var ack = await PostAsync($"/api/exceptions/{_id}/acknowledge", "", BoToken);
        using var resolve = await PostAsync($"/api/exceptions/{_id}/resolve", """{"code":"fixed","note":"belt re-tracked"}""");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (ack.StatusCode, resolve.StatusCode));
        var records = Store.Read(db => new AuditCollections(db).Records.FindAll().Where(r => r.ActionType.StartsWith("exception.", StringComparison.Ordinal)).ToList());
        Assert.Equal(
            [("exception.acknowledge", "bo", "acknowledged", (string?)null), ("exception.resolve", "ana", "resolved", "belt re-tracked")],
            records.Select(r => (r.ActionType, r.Actor, r.Verdict, r.Reason)));
        Assert.True(Store.Read(db => AuditVerifier.Verify(db)).Intact);
    }

    [Fact]
    public async Task Get_UnknownId_Is404_AndAnUnknownStatusFilter_Is400()
    {
        using var missing = await SendAsync(HttpMethod.Get, "/api/exceptions/424242");
        using var badStatus = await SendAsync(HttpMethod.Get, "/api/exceptions?status=sleeping");
        using var found = JsonDocument.Parse(await GetStringAsync($"/api/exceptions/{_id}"));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.BadRequest), (missing.StatusCode, badStatus.StatusCode));
        Assert.Equal(1, found.RootElement.GetProperty("occurrences").GetInt32());
    }

    private Task<HttpResponseMessage> PostAsync(string path, string body, string? token = AnaToken) =>
        SendAsync(HttpMethod.Post, path, body, token);

    private async Task<string> GetStringAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null, string? token = AnaToken) =>
        _agent.SendAsync(method, path, token, body);

    private (string Case, int Events, long Audit) Snapshot() => Store.Read(db =>
        (JsonSerializer.Serialize(ExceptionBook.Cases(db).FindById(_id)), new FloorCollections(db).Events.Count(), new AuditCollections(db).Records.LongCount()));
}
