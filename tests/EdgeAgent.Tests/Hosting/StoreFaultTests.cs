using System.Net;
using EdgeAgent.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAgent.Tests.Hosting;

public sealed class StoreFaultTests
{
    [Fact]
    public async Task AfterAFailedFsync_ReadyzAnswers503WithTheReason()
    {
        await using var agent = await RunningAgent.StartAsync("hh-1");
        var store = agent.Services.GetRequiredService<DurableStore>();
        await store.WriteAsync(db => db.GetCollection("probe").Insert(new LiteDB.BsonDocument { ["_id"] = 1 }));
        store.LogSync.FlushToDisk = _ => throw new IOException("injected EIO");

        await Assert.ThrowsAsync<StoreFaultedException>(() => store.WriteAsync(db => db.GetCollection("probe").Insert(new LiteDB.BsonDocument { ["_id"] = 2 })));
        using var ready = await agent.Http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("store accepts no writes until the agent restarts", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
