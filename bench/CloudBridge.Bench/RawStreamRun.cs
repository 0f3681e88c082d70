using System.Diagnostics;
using System.Net;
using CloudBridge.Contract.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudBridge.Bench;

/// <summary>Raw gRPC bidi stream of the same envelopes, same batch size and window, no outbox and no sink.</summary>
internal static class RawStreamRun
{
    public static async Task<double> RunAsync(int events, int batchSize, int window, byte[] payload)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = 64 * 1024 * 1024);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        await using var app = builder.Build();
        app.MapGrpcService<RawAckService>();
        await app.StartAsync();
        using var channel = GrpcChannel.ForAddress(app.Urls.First());
        var client = new Contract.V1.Uplink.UplinkClient(channel);

        var stopwatch = Stopwatch.StartNew();
        using var call = client.Stream();
        using var slots = new SemaphoreSlim(window, window);
        long acked = 0;
        var reader = Task.Run(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                acked = (long)call.ResponseStream.Current.AckedThrough;
                slots.Release();
            }
        });
        ulong sequence = 0;
        for (ulong batchId = 1; (long)sequence < events; batchId++)
        {
            await slots.WaitAsync();
            var batch = new UplinkBatch { BatchId = batchId, Lane = "business" };
            for (int i = 0; i < batchSize && (long)sequence < events; i++)
            {
                batch.Events.Add(Envelope(++sequence, payload));
            }

            await call.RequestStream.WriteAsync(batch);
        }

        await call.RequestStream.CompleteAsync();
        await reader;
        stopwatch.Stop();
        if (acked != events)
        {
            throw new InvalidOperationException($"raw run acked {acked} of {events}");
        }

        await app.StopAsync();
        return events / stopwatch.Elapsed.TotalSeconds;
    }

    private static EventEnvelope Envelope(ulong sequence, byte[] payload) => new()
    {
        GatewayId = "dc-bench",
        Lane = "business",
        Sequence = sequence,
        EventId = Guid.NewGuid().ToString("N"),
        Type = "bench.event",
        OccurredAt = Timestamp.FromDateTime(DateTime.UtcNow),
        Payload = UnsafeByteOperations.UnsafeWrap(payload),
    };
}
