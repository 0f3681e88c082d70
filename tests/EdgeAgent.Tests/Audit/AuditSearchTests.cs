using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EdgeAgent.Audit;
using EdgeAgent.People;
using EdgeAgent.Storage;
using EdgeAgent.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Tests.Audit;

/// <summary>Audit search, one record with its neighbours, and the chain's state, through the real agent as a signed-in viewer.</summary>
public sealed class AuditSearchTests : IAsyncLifetime
{
    private RunningAgent _agent = null!;
    private HttpClient _viewer = null!;
    private long _first;

    public async Task InitializeAsync()
    {
        _agent = await RunningAgent.StartAsync("hh-1");
        await _agent.AddPersonAsync("vera", PersonRole.Viewer, "vera-password");
        var audit = _agent.Services.GetRequiredService<AuditLog>();
        _first = await _agent.Services.GetRequiredService<DurableStore>().WriteAsync(db =>
        {
            var first = Append(audit, db, "system", """{"orderId":"SO-1"}""", "order.hold");
            Append(audit, db, "sue", """{"taskId":"T-1","toPicker":"P-02"}""", "task.reassign", """{"taskId":"T-1","orderId":"SO-1"}""");
            Append(audit, db, "sue", """{"orderId":"SO-2"}""", "order.hold");
            Append(audit, db, "system", """{"taskId":"T-7","toPicker":"P-02","orderId":"SO-1"}""", "task.assign");
            return first.Seq;
        });
        (_viewer, _) = await _agent.SignInAsync("vera", "vera-password");
    }

    public async Task DisposeAsync()
    {
        _viewer.Dispose();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task SearchByOrder_FindsTheRecordsAboutIt_NewestFirst()
    {
        var found = await _viewer.GetFromJsonAsync<JsonElement>("/api/audit/search?order=SO-1");

        Assert.Equal([_first + 3, _first + 1, _first], Seqs(found));
        var newest = found.GetProperty("records")[0];
        Assert.Equal("system", newest.GetProperty("actor").GetString());
        Assert.Contains("order:SO-1", newest.GetProperty("subjects").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(64, newest.GetProperty("hash").GetString()!.Length);
        Assert.Equal(64, newest.GetProperty("prevHash").GetString()!.Length);
    }

    [Fact]
    public async Task SearchByPerson_FindsTheirActs_AndAPickersTasks_AndCombinesWithOtherFilters()
    {
        var sue = await _viewer.GetFromJsonAsync<JsonElement>("/api/audit/search?person=sue");
        var picker = await _viewer.GetFromJsonAsync<JsonElement>("/api/audit/search?person=P-02");
        var both = await _viewer.GetFromJsonAsync<JsonElement>("/api/audit/search?person=sue&order=SO-2");

        Assert.Equal([_first + 2, _first + 1], Seqs(sue));
        Assert.Equal([_first + 3, _first + 1], Seqs(picker));
        Assert.Equal([_first + 2], Seqs(both));
    }

    [Fact]
    public async Task Search_PagesWithBefore_AndATimeRangeInTheFutureFindsNothing()
    {
        var page1 = await _viewer.GetFromJsonAsync<JsonElement>("/api/audit/search?order=SO-1&limit=2");
        var next = page1.GetProperty("next").GetInt64();
        var page2 = await _viewer.GetFromJsonAsync<JsonElement>($"/api/audit/search?order=SO-1&limit=2&before={next}");
        var future = await _viewer.GetFromJsonAsync<JsonElement>($"/api/audit/search?from={DateTime.UtcNow.AddDays(1):O}");
        using var bad = await _viewer.GetAsync("/api/audit/search?limit=0");

        Assert.Equal([_first + 3, _first + 1], Seqs(page1));
        Assert.Equal([_first], Seqs(page2));
        Assert.Equal(JsonValueKind.Null, page2.GetProperty("next").ValueKind);
        Assert.Empty(Seqs(future));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task ARecord_OpensWithItsHash_ItsNeighbours_AndWhetherItsLinkHolds()
    {
        var opened = await _viewer.GetFromJsonAsync<JsonElement>($"/api/audit/records/{_first + 1}");
        using var missing = await _viewer.GetAsync("/api/audit/records/999999");

        var record = opened.GetProperty("record");
        Assert.Equal(_first + 1, record.GetProperty("seq").GetInt64());
        Assert.Equal("sue", record.GetProperty("actor").GetString());
        Assert.Equal(opened.GetProperty("previous").GetProperty("hash").GetString(), record.GetProperty("prevHash").GetString());
        Assert.Equal(_first + 2, opened.GetProperty("next").GetProperty("seq").GetInt64());
        Assert.True(opened.GetProperty("hashValid").GetBoolean());
        Assert.True(opened.GetProperty("linkValid").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task TheChain_SaysHowFarItIsVerified_AndWhen()
    {
        var chain = await _viewer.GetFromJsonAsync<JsonElement>("/api/audit/chain");

        Assert.True(chain.GetProperty("intact").GetBoolean());
        Assert.Equal(chain.GetProperty("headSeq").GetInt64(), chain.GetProperty("verifiedUpTo").GetInt64());
        Assert.True(chain.GetProperty("verifiedUpTo").GetInt64() >= _first + 3);
        Assert.Equal(JsonValueKind.Null, chain.GetProperty("brokenAt").ValueKind);
        Assert.True(chain.GetProperty("checkedAt").GetDateTime() > DateTime.UtcNow.AddMinutes(-5));
    }

    private static AuditRecord Append(AuditLog audit, LiteDB.LiteDatabase db, string actor, string outcome, string action, string? inputs = null) =>
        audit.Append(db, new AuditEntry { Kind = actor == "system" ? AuditKind.Decision : AuditKind.HumanAction, ActionType = action, Actor = actor, Verdict = "execute", Outcome = outcome, Inputs = inputs });

    private static List<long> Seqs(JsonElement page) => [.. page.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("seq").GetInt64())];
}
