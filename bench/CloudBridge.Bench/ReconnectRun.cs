using System.Diagnostics;
using CloudBridge.Ingress;
using CloudBridge.Outbox;
using CloudBridge.Uplink;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudBridge.Bench;

/// <summary>What the edge does when central comes back after an outage long enough for the backoff to reach its cap.</summary>
internal sealed record ReconnectResult(TimeSpan FirstAckAfterReturn, TimeSpan BacklogDrainedAfterReturn, int Backlog);

internal static class ReconnectRun
{
    public static async Task<ReconnectResult> RunAsync(string directory, byte[] payload, int backlog, TimeSpan outage)
    {
        await using var store = AgentOutboxStore.Open(Path.Combine(directory, "edge"));
        var outbox = store.NewOutbox(new OutboxOptions());
        var central = Path.Combine(directory, "central");
        var ingress = await StartIngressAsync(central, 0);
        int port = IngressApp.BoundPort(ingress);
        var options = new UplinkOptions { Address = $"http://127.0.0.1:{port}", GatewayId = "dc-bench", Token = "bench" };
        using var channel = BridgeChannel.Create(options);
        using var sender = new UplinkSender(new Contract.V1.Uplink.UplinkClient(channel), store, outbox, options, TimeProvider.System, NullLogger<UplinkSender>.Instance);
        await sender.StartAsync(CancellationToken.None);
        await AppendAsync(store, outbox, payload, 1_000);
        await WaitAsync(() => sender.GetStatus().EventsAcked >= 1_000);

        using (var now = new CancellationTokenSource())
        {
            await now.CancelAsync();
            await ingress.StopAsync(now.Token);
            await ingress.DisposeAsync();
        }

        await AppendAsync(store, outbox, payload, backlog);
        await Task.Delay(outage); // the outage itself: long enough for the retry delay to sit at its cap
        long before = sender.GetStatus().EventsAcked;
        ingress = await StartIngressAsync(central, port);
        var back = Stopwatch.StartNew();
        await WaitAsync(() => sender.GetStatus().EventsAcked > before);
        var firstAck = back.Elapsed;
        await WaitAsync(() => sender.GetStatus().EventsAcked >= 1_000 + backlog);
        var drained = back.Elapsed;
        await sender.StopAsync(CancellationToken.None);
        await ingress.StopAsync();
        await ingress.DisposeAsync();
        return new ReconnectResult(firstAck, drained, backlog);
    }

    private static async Task<WebApplication> StartIngressAsync(string directory, int port)
    {
        var app = IngressApp.Build(["--Logging:LogLevel:Default=None"], o =>
        {
            o.DataDirectory = directory;
            o.Port = port;
            o.Gateways["dc-bench"] = new GatewayCredential { Token = "bench" };
        });
        await app.StartAsync();
        return app;
    }

    private static Task<int> AppendAsync(AgentOutboxStore store, Outbox.Outbox outbox, byte[] payload, int count) =>
        store.WriteAsync(db =>
        {
            for (int i = 0; i < count; i++)
            {
                outbox.Append(db, OutboxOptions.Business, "bench.event", payload);
            }

            return count;
        }, CancellationToken.None);

    private static async Task WaitAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(5);
        }
    }
}
