using CloudBridge.Central.Tests.Infrastructure;
using CloudBridge.Contract.V1;
using CloudBridge.Edge.Tests.Infrastructure;

namespace CloudBridge.Edge.Tests;

public sealed class DownlinkSubscriberTests
{
    [Fact]
    public async Task Commands_ResumeFromPersistedCursor_AcrossEdgeAndIngressRestarts_NoneAppliedTwice()
    {
        using var dir = new TempDirectory();
        await using var ingress = await TestIngress.StartAsync(dir.Sub("central"));
        using var central = new CentralClient(ingress.Address);
        var edgeDir = dir.Sub("edge");
        for (int i = 1; i <= 5; i++)
        {
            await central.AppendCommandAsync($"release-{i}", CommandKind.OrderRelease, $"{{\"order\":\"SO-{i}\"}}");
        }

        // The ERP retries one append: the log keeps one copy.
        var retried = await central.AppendCommandAsync("release-3", CommandKind.OrderRelease, "{\"order\":\"SO-3\"}");
        Assert.True(retried.Duplicate);
        Assert.Equal(3UL, retried.Cursor);

        await using (var edge = new TestDownlinkEdge(edgeDir, ingress.Address))
        {
            await Eventually.WaitAsync(() => edge.Subscriber.Cursor == 5, "first five commands applied");
        }

        await ingress.KillAsync();
        await ingress.RestartAsync();
        for (int i = 6; i <= 10; i++)
        {
            await central.AppendCommandAsync($"release-{i}", CommandKind.TaskRelease, $"{{\"task\":\"T-{i}\"}}");
        }

        await using var restarted = new TestDownlinkEdge(edgeDir, ingress.Address);
        await Eventually.WaitAsync(() => restarted.Subscriber.Cursor == 10, "the rest applied after restarts");
        await central.AppendCommandAsync("hold-1", CommandKind.Hold, "{\"order\":\"SO-2\"}");
        // The applied counter moves just after the cursor is committed: wait for both, then check the count is exact.
        await Eventually.WaitAsync(() => restarted.Subscriber.Cursor == 11 && restarted.Subscriber.Applied >= 6, "a live command applied");

        // The counter moves just after the store write that moved the cursor returns.
        await Eventually.WaitAsync(() => restarted.Subscriber.Applied >= 6, "the apply counter to catch up");
        Assert.Equal(6, restarted.Subscriber.Applied);
        var applied = restarted.Store.Read(db => db.GetCollection("applied").FindAll().Select(d => d["_id"].AsString).ToList());
        Assert.Equal(11, applied.Count);
        Assert.Equal(11, applied.Distinct().Count());
    }
}
