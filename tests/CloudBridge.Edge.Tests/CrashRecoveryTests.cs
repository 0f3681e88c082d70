using CloudBridge.Central.Tests.Infrastructure;
using CloudBridge.Edge.Tests.Infrastructure;
using CloudBridge.Outbox;

namespace CloudBridge.Edge.Tests;

/// <summary>Real processes killed with SIGKILL mid-stream, restarted on the same data directories.</summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task EdgeKilledMidStream_RestartsOnSameData_CentralHasEveryCommittedEventOnce()
    {
        using var dir = new TempDirectory();
        await using var ingress = await TestIngress.StartAsync(dir.Sub("central"));
        using var central = new CentralClient(ingress.Address);
        var edgeDir = dir.Sub("edge");

        long committedBeforeKill;
        using (var edge = ChildProcess.Start("edge", edgeDir, ingress.Address, "400", "50"))
        {
            await Eventually.WaitAsync(async () => await central.HighWaterMarkAsync(OutboxOptions.Business) >= 2_000, "the first edge to ship some events");
            edge.Kill();
            committedBeforeKill = edge.LastValue("committed") ?? 0;
        }

        long atCentralAfterKill = await central.HighWaterMarkAsync(OutboxOptions.Business);
        using var restarted = ChildProcess.Start("edge", edgeDir, ingress.Address, "0", "0");
        long last = await restarted.WaitForValueAsync("last");

        // Everything the first process reported durable survived the kill, and the kill really was mid-stream.
        Assert.True(last >= committedBeforeKill, $"store lost events: last {last} < committed {committedBeforeKill}");
        Assert.True(last > atCentralAfterKill, "the kill should leave a backlog to resume");
        await Eventually.WaitAsync(async () => await central.HighWaterMarkAsync(OutboxOptions.Business) == last, "the restarted edge to drain");
        await central.AssertExactlyOnceAsync(OutboxOptions.Business, last);
    }

    [Fact]
    public async Task IngressKilledMidStream_EdgeResumesFromFirstUnacked_NothingLostOrDoubled()
    {
        using var dir = new TempDirectory();
        var centralDir = dir.Sub("central");
        using var first = ChildProcess.Start("ingress", centralDir, "0");
        int port = (int)await first.WaitForValueAsync("listening");
        var address = $"http://127.0.0.1:{port}";
        await using var edge = new TestEdge(dir.Sub("edge"), address, o => o.BatchSize = 100);
        await edge.StartAsync();
        long last = 0;
        for (int i = 0; i < 20; i++)
        {
            last = await edge.AppendAsync(OutboxOptions.Business, 250);
        }

        await Eventually.WaitAsync(() => edge.AckedThrough(OutboxOptions.Business) >= 1_000, "some events acked by the first ingress");
        first.Kill();
        for (int i = 0; i < 10; i++)
        {
            last = await edge.AppendAsync(OutboxOptions.Business, 100);
        }

        using var second = ChildProcess.Start("ingress", centralDir, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await second.WaitForValueAsync("listening");
        await Eventually.WaitAsync(() => edge.AckedThrough(OutboxOptions.Business) == last, "the edge to drain into the restarted ingress");
        using var central = new CentralClient(address);
        await central.AssertExactlyOnceAsync(OutboxOptions.Business, last);
    }
}
