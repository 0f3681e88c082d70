using System.Text;
using CloudBridge.Central.Tests.Infrastructure;
using CloudBridge.Outbox;
using CloudBridge.Uplink;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudBridge.Edge.Tests.Infrastructure;

/// <summary>The edge side wired as the host would: a store, the outbox in it, and an uplink sender.</summary>
public sealed class TestEdge : IAsyncDisposable
{
    private readonly GrpcChannel _channel;
    private readonly List<GrpcChannel> _failover;
    private bool _started;

    public TestEdge(string dataDirectory, string address, Action<UplinkOptions>? configure = null, OutboxOptions? outbox = null, TimeProvider? time = null, ILoggerFactory? logging = null)
    {
        logging ??= NullLoggerFactory.Instance;
        Options = new UplinkOptions { Address = address, GatewayId = TestIngress.GatewayId, Token = TestIngress.GatewayToken, BatchSize = 200 };
        configure?.Invoke(Options);
        Store = new TestOutboxStore(dataDirectory);
        Outbox = new Outbox.Outbox(outbox ?? new OutboxOptions(), time ?? TimeProvider.System, logging.CreateLogger<Outbox.Outbox>());
        _channel = BridgeChannel.Create(Options);
        _failover = Options.FailoverAddresses.Select(a => BridgeChannel.Create(Options, a)).ToList();
        Sender = new UplinkSender([new Contract.V1.Uplink.UplinkClient(_channel), .. _failover.Select(c => new Contract.V1.Uplink.UplinkClient(c))], Store, Outbox, Options, time ?? TimeProvider.System, logging.CreateLogger<UplinkSender>());
    }

    public UplinkOptions Options { get; }

    public TestOutboxStore Store { get; }

    public Outbox.Outbox Outbox { get; }

    public UplinkSender Sender { get; }

    public GrpcChannel Channel => _channel;

    public async Task StartAsync()
    {
        await Sender.StartAsync(CancellationToken.None);
        _started = true;
    }

    /// <summary>Appends <paramref name="count"/> events in one transaction, as a host's state change would; returns the last sequence.</summary>
    public Task<long> AppendAsync(string lane, int count, int payloadBytes = 300) =>
        Store.WriteAsync(db =>
        {
            long last = 0;
            for (int i = 0; i < count; i++)
            {
                last = Outbox.Append(db, lane, "test.event", Payload(payloadBytes)).Sequence;
            }

            return last;
        }, CancellationToken.None);

    public long AckedThrough(string lane) => Store.Read(db => Outbox.Backlog(db)).Single(b => b.Lane == lane).AckedThrough;

    public static byte[] Payload(int bytes)
    {
        var text = new StringBuilder("{\"sku\":\"A-1\",\"qty\":1,\"pad\":\"");
        text.Append('x', Math.Max(0, bytes - text.Length - 2)).Append("\"}");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await Sender.StopAsync(CancellationToken.None);
        }

        Sender.Dispose();
        _channel.Dispose();
        _failover.ForEach(c => c.Dispose());
        await Store.DisposeAsync();
    }
}
