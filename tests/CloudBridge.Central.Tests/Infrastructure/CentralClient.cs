using CloudBridge.Contract.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace CloudBridge.Central.Tests.Infrastructure;

/// <summary>What the ERP sees at central, through the admin API.</summary>
public sealed class CentralClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly CentralAdmin.CentralAdminClient _admin;
    private readonly Metadata _headers = new() { { "authorization", "Bearer " + TestIngress.AdminToken } };

    public CentralClient(string address)
    {
        _channel = GrpcChannel.ForAddress(address);
        _admin = new CentralAdmin.CentralAdminClient(_channel);
    }

    public CentralAdmin.CentralAdminClient Admin => _admin;

    public Metadata Headers => _headers;

    public async Task<long> HighWaterMarkAsync(string lane, string gateway = TestIngress.GatewayId)
    {
        try
        {
            var reply = await _admin.GetLaneStateAsync(new LaneStateRequest { GatewayId = gateway, Lane = lane }, _headers);
            return (long)reply.HighWaterMark;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable)
        {
            return -1;
        }
    }

    public async Task<List<EventEnvelope>> EventsAsync(string lane, string gateway = TestIngress.GatewayId)
    {
        var events = new List<EventEnvelope>();
        using var call = _admin.ReadEvents(new ReadEventsRequest { GatewayId = gateway, Lane = lane }, _headers);
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            events.Add(call.ResponseStream.Current);
        }

        return events;
    }

    public Task<AppendCommandReply> AppendCommandAsync(string commandId, CommandKind kind, string payload, string gateway = TestIngress.GatewayId) =>
        _admin.AppendCommandAsync(new AppendCommandRequest
        {
            GatewayId = gateway,
            CommandId = commandId,
            Kind = kind,
            Payload = Google.Protobuf.ByteString.CopyFromUtf8(payload),
        }, _headers).ResponseAsync;

    /// <summary>Asserts central holds sequences 1..<paramref name="last"/> of the lane, each exactly once, in order.</summary>
    public async Task AssertExactlyOnceAsync(string lane, long last, string gateway = TestIngress.GatewayId)
    {
        var events = await EventsAsync(lane, gateway);
        Assert.Equal(last, events.Count);
        for (int i = 0; i < events.Count; i++)
        {
            Assert.Equal((ulong)(i + 1), events[i].Sequence);
        }

        Assert.Equal(events.Count, events.Select(e => e.EventId).Distinct().Count());
    }

    public void Dispose() => _channel.Dispose();
}
