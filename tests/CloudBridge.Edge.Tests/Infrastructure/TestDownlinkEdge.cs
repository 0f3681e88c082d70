using CloudBridge.Central.Tests.Infrastructure;
using CloudBridge.Contract.V1;
using CloudBridge.Downlink;
using CloudBridge.Uplink;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudBridge.Edge.Tests.Infrastructure;

/// <summary>The edge's downlink as the host wires it: a store, a recording handler, one client per ingress address.</summary>
public sealed class TestDownlinkEdge : IAsyncDisposable
{
    private readonly List<Grpc.Net.Client.GrpcChannel> _channels;

    public TestDownlinkEdge(string dataDirectory, string address, params string[] failoverAddresses)
    {
        var options = new UplinkOptions { Address = address, GatewayId = TestIngress.GatewayId, Token = TestIngress.GatewayToken };
        foreach (var failover in failoverAddresses)
        {
            options.FailoverAddresses.Add(failover);
        }

        Store = new TestOutboxStore(dataDirectory);
        _channels = options.AllAddresses.Select(a => BridgeChannel.Create(options, a)).ToList();
        Subscriber = new DownlinkSubscriber(_channels.Select(c => new Contract.V1.Downlink.DownlinkClient(c)).ToList(), Store, new RecordingHandler(), options, TimeProvider.System, NullLogger<DownlinkSubscriber>.Instance);
        Subscriber.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public TestOutboxStore Store { get; }

    public DownlinkSubscriber Subscriber { get; }

    /// <summary>The ids of the applied commands in the order they were applied.</summary>
    public List<string> Applied() =>
        Store.Read(db => db.GetCollection("applied").FindAll().OrderBy(d => d["cursor"].AsInt64).Select(d => d["_id"].AsString).ToList());

    public async ValueTask DisposeAsync()
    {
        await Subscriber.StopAsync(CancellationToken.None);
        Subscriber.Dispose();
        _channels.ForEach(c => c.Dispose());
        await Store.DisposeAsync();
    }

    /// <summary>Records each command under its id; a second apply of the same command would violate the unique _id.</summary>
    private sealed class RecordingHandler : ICommandHandler
    {
        public void Apply(LiteDatabase db, Command command) =>
            db.GetCollection("applied").Insert(new BsonDocument { ["_id"] = command.CommandId, ["kind"] = command.Kind.ToString(), ["cursor"] = (long)command.Cursor });
    }
}
