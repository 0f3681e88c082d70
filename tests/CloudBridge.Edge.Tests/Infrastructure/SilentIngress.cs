using System.Collections.Concurrent;
using System.Net;
using CloudBridge.Contract.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudBridge.Edge.Tests.Infrastructure;

/// <summary>A central that accepts streams and reads batches but never acknowledges anything (a hung sink).</summary>
public sealed class SilentIngress : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SilentIngress(WebApplication app, ConcurrentQueue<ulong> batchStarts)
    {
        _app = app;
        BatchStarts = batchStarts;
    }

    /// <summary>First sequence of every batch received, in arrival order, across streams.</summary>
    public ConcurrentQueue<ulong> BatchStarts { get; }

    public string Address { get; private set; } = "";

    public static async Task<SilentIngress> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.None);
        builder.Services.AddGrpc();
        var batchStarts = new ConcurrentQueue<ulong>();
        builder.Services.AddSingleton(batchStarts);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        var ingress = new SilentIngress(app, batchStarts);
        app.MapGrpcService<SilentService>();
        await app.StartAsync();
        ingress.Address = app.Urls.First();
        return ingress;
    }

    public async ValueTask DisposeAsync()
    {
        using var now = new CancellationTokenSource();
        await now.CancelAsync();
        try
        {
            await _app.StopAsync(now.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await _app.DisposeAsync();
    }

    private sealed class SilentService(ConcurrentQueue<ulong> batchStarts) : Contract.V1.Uplink.UplinkBase
    {
        public override async Task Stream(IAsyncStreamReader<UplinkBatch> requestStream, IServerStreamWriter<UplinkAck> responseStream, ServerCallContext context)
        {
            await context.WriteResponseHeadersAsync([]);
            while (await requestStream.MoveNext(context.CancellationToken))
            {
                batchStarts.Enqueue(requestStream.Current.Events[0].Sequence);
            }
        }
    }
}
