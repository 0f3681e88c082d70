using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EdgeAgent.Exceptions;
using EdgeAgent.Fulfilment;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Tests.Exceptions;

/// <summary>The exception endpoints through the real agent; every refusal leaves the case and the events as they were.</summary>
public sealed class ExceptionEndpointTests : IAsyncLifetime
{
    private RunningAgent _agent = null!;
    private long _id;

    public async Task InitializeAsync()
    {
        _agent = await RunningAgent.StartAsync("hh-1");
        var journal = _agent.Services.GetRequiredService<FloorJournal>();
        await Store.WriteAsync(db =>
        {
            new FloorCollections(db, journal).Record(new FloorEvent { At = DateTime.UtcNow, Type = "conveyor.jam", DeviceId = "pe-3", Detail = "blocked" });
            return 0;
        });
        _id = Store.Read(db => ExceptionBook.Cases(db).FindAll().Single().Id);
    }

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    private DurableStore Store => _agent.Services.GetRequiredService<DurableStore>();

    [Fact]
    public async Task List_ByTeam_ReturnsTheOpenJam()
    {
        using var list = JsonDocument.Parse(await _agent.Http.GetStringAsync("/api/exceptions?team=maintenance&status=open&limit=5"));
        using var other = JsonDocument.Parse(await _agent.Http.GetStringAsync("/api/exceptions?team=warehouse"));

        var c = Assert.Single(list.RootElement.EnumerateArray());
        Assert.Equal((ExceptionTypes.Jam, "maintenance"), (c.GetProperty("type").GetString(), c.GetProperty("team").GetString()));
        Assert.Empty(other.RootElement.EnumerateArray());
    }

    [Fact]
    public async Task Resolve_ThenResolveAgain_Is409_WithWhoAndWhen_AndChangesNothing()
    {
        using var ok = await PostAsync($"/api/exceptions/{_id}/resolve", """{"actor":"ana","code":"fixed","note":"belt re-tracked"}""");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var before = Snapshot();

        using var again = await PostAsync($"/api/exceptions/{_id}/resolve", """{"actor":"bo","code":"false-alarm"}""");
        using var ack = await PostAsync($"/api/exceptions/{_id}/acknowledge", """{"actor":"bo"}""");

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (again.StatusCode, ack.StatusCode));
        var detail = await again.Content.ReadAsStringAsync();
        Assert.Contains("resolved by ana at", detail, StringComparison.Ordinal);
        Assert.Contains("with code fixed", detail, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [Theory]
    [InlineData("/api/exceptions/999999/resolve", """{"actor":"ana","code":"fixed"}""", HttpStatusCode.NotFound, "No exception 999999")]
    [InlineData("/api/exceptions/999999/acknowledge", """{"actor":"ana"}""", HttpStatusCode.NotFound, "No exception 999999")]
    [InlineData("/api/exceptions/{id}/resolve", """{"actor":"ana","code":"kicked-it"}""", HttpStatusCode.BadRequest, "use one of: fixed, replenished")]
    [InlineData("/api/exceptions/{id}/resolve", """{"actor":"ana","code":""", HttpStatusCode.BadRequest, "not a JSON object")]
    [InlineData("/api/exceptions/{id}/acknowledge", """[1,2]""", HttpStatusCode.BadRequest, "not a JSON object")]
    [InlineData("/api/exceptions/{id}/acknowledge", """{"note":"who am I"}""", HttpStatusCode.BadRequest, "actor")]
    [InlineData("/api/exceptions/{id}/resolve", """{"actor":"  ","code":"fixed"}""", HttpStatusCode.BadRequest, "actor")]
    public async Task BadInput_GetsItsSpecificError_AndChangesNothing(string path, string body, HttpStatusCode status, string says)
    {
        var before = Snapshot();

        using var response = await PostAsync(path.Replace("{id}", _id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), body);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(says, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task Get_UnknownId_Is404_AndAnUnknownStatusFilter_Is400()
    {
        using var missing = await _agent.Http.GetAsync("/api/exceptions/424242");
        using var badStatus = await _agent.Http.GetAsync("/api/exceptions?status=sleeping");
        var found = await _agent.Http.GetFromJsonAsync<JsonElement>($"/api/exceptions/{_id}");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.BadRequest), (missing.StatusCode, badStatus.StatusCode));
        Assert.Equal(1, found.GetProperty("occurrences").GetInt32());
    }

    private Task<HttpResponseMessage> PostAsync(string path, string body) =>
        _agent.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

    private (string Case, int Events) Snapshot() => Store.Read(db =>
        (JsonSerializer.Serialize(ExceptionBook.Cases(db).FindById(_id)), new FloorCollections(db).Events.Count()));
}
