using CloudBridge.Central.Tests.Infrastructure;
using CloudBridge.Contract.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;

namespace CloudBridge.Central.Tests;

/// <summary>Bad input at the ingress is refused with a status that says why, and nothing already acked is lost.</summary>
public sealed class IngressRejectionTests : IAsyncLifetime, IDisposable
{
    private const string Lane = "business";
    private readonly TempDirectory _dir = new();
    private TestIngress _ingress = null!;
    private GrpcChannel _channel = null!;
    private CentralClient _central = null!;

    public async Task InitializeAsync()
    {
        _ingress = await TestIngress.StartAsync(_dir.Sub("central"), configure: o => o.MaxBatchEvents = 100);
        _channel = GrpcChannel.ForAddress(_ingress.Address);
        _central = new CentralClient(_ingress.Address);
        var acks = await SendAsync(Headers(), Batch(1, 10));
        Assert.Equal(10UL, acks.Single().AckedThrough);
    }

    public async Task DisposeAsync() => await _ingress.DisposeAsync();

    public void Dispose()
    {
        _central.Dispose();
        _channel.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task UnknownGateway_IsUnauthenticated()
    {
        var ex = await RejectedAsync(Headers(gateway: "dc-unknown"), Batch(11, 1, gateway: "dc-unknown"));
        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        Assert.Contains("unknown gateway 'dc-unknown'", ex.Status.Detail, StringComparison.Ordinal);
        await AssertAckedKeptAsync();
    }

    [Fact]
    public async Task WrongToken_IsUnauthenticated()
    {
        var ex = await RejectedAsync(Headers(token: "not-the-token"), Batch(11, 1));
        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        Assert.Contains("bad or missing token", ex.Status.Detail, StringComparison.Ordinal);
        await AssertAckedKeptAsync();
    }

    [Fact]
    public async Task EventClaimingAnotherGateway_IsPermissionDenied()
    {
        var ex = await RejectedAsync(Headers(), Batch(11, 2, gateway: "dc-2"));
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Contains("claims gateway 'dc-2'", ex.Status.Detail, StringComparison.Ordinal);
        await AssertAckedKeptAsync();
    }

    [Fact]
    public async Task GapInSequence_IsFailedPrecondition()
    {
        var ex = await RejectedAsync(Headers(), Batch(13, 5));
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Contains("expected 11, got 13", ex.Status.Detail, StringComparison.Ordinal);
        await AssertAckedKeptAsync();
    }

    [Fact]
    public async Task RegressionOnOneStream_IsFailedPrecondition()
    {
        var ex = await RejectedAsync(Headers(), Batch(11, 5), Batch(12, 2));
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Contains("sequence regression", ex.Status.Detail, StringComparison.Ordinal);
        await AssertAckedKeptAsync(15);
    }

    [Fact]
    public async Task ResendAfterReconnect_IsAckedAsDuplicate_NotStoredTwice()
    {
        var acks = await SendAsync(Headers(), Batch(5, 10));
        Assert.Equal(14UL, acks.Single().AckedThrough);
        Assert.Equal(6U, acks.Single().Duplicates);
        await _central.AssertExactlyOnceAsync(Lane, 14);
    }

    [Fact]
    public async Task OversizedBatch_IsResourceExhausted()
    {
        var ex = await RejectedAsync(Headers(), Batch(11, 101));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Contains("oversized, 101 events, limit 100", ex.Status.Detail, StringComparison.Ordinal);
        await AssertAckedKeptAsync();
    }

    [Fact]
    public async Task GarbageEventId_IsInvalidArgument()
    {
        var batch = Batch(11, 3);
        batch.Events[1].EventId = "'; drop table events; --";
        var ex = await RejectedAsync(Headers(), batch);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("garbage event id", ex.Status.Detail, StringComparison.Ordinal);
        await AssertAckedKeptAsync();
    }

    [Fact]
    public async Task NonConsecutiveSequencesInBatch_AreInvalidArgument()
    {
        var batch = Batch(11, 3);
        batch.Events[2].Sequence = 20;
        var ex = await RejectedAsync(Headers(), batch);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("not consecutive", ex.Status.Detail, StringComparison.Ordinal);
        await AssertAckedKeptAsync();
    }

    [Fact]
    public async Task BytesThatAreNotProtobuf_AreRefused_AndNothingStored()
    {
        var method = new Method<byte[], byte[]>(MethodType.DuplexStreaming, "edgeagent.bridge.v1.Uplink", "Stream",
            Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));
        using var call = _channel.CreateCallInvoker().AsyncDuplexStreamingCall(method, null, new CallOptions(Headers()));
        await call.ResponseHeadersAsync;
        byte[] garbage = [0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x12, 0x99, 0x01, 0x02];
        await call.RequestStream.WriteAsync(garbage);
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }

            throw new InvalidOperationException("the stream ended without an error");
        });
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("not a valid UplinkBatch", ex.Status.Detail, StringComparison.Ordinal);
        await AssertAckedKeptAsync();
    }

    private async Task AssertAckedKeptAsync(long last = 10)
    {
        await _central.AssertExactlyOnceAsync(Lane, last);
        var acks = await SendAsync(Headers(), Batch(last + 1, 1));
        Assert.Equal((ulong)last + 1, acks.Single().AckedThrough);
    }

    private static Metadata Headers(string gateway = TestIngress.GatewayId, string token = TestIngress.GatewayToken) => new()
    {
        { "x-gateway-id", gateway },
        { "authorization", "Bearer " + token },
    };

    private static UplinkBatch Batch(long from, int count, string gateway = TestIngress.GatewayId)
    {
        var batch = new UplinkBatch { BatchId = (ulong)from, Lane = Lane };
        for (long s = from; s < from + count; s++)
        {
            batch.Events.Add(new EventEnvelope
            {
                GatewayId = gateway,
                Lane = Lane,
                Sequence = (ulong)s,
                EventId = Guid.NewGuid().ToString("N"),
                Type = "test.event",
                OccurredAt = Timestamp.FromDateTime(DateTime.UtcNow),
                Payload = ByteString.CopyFromUtf8("{\"n\":" + s + "}"),
            });
        }

        return batch;
    }

    private async Task<List<UplinkAck>> SendAsync(Metadata headers, params UplinkBatch[] batches)
    {
        var client = new Contract.V1.Uplink.UplinkClient(_channel);
        using var call = client.Stream(headers);
        var acks = new List<UplinkAck>();
        foreach (var batch in batches)
        {
            await call.RequestStream.WriteAsync(batch);
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            acks.Add(call.ResponseStream.Current);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        return acks;
    }

    private async Task<RpcException> RejectedAsync(Metadata headers, params UplinkBatch[] batches)
    {
        var client = new Contract.V1.Uplink.UplinkClient(_channel);
        using var call = client.Stream(headers);
        try
        {
            foreach (var batch in batches)
            {
                await call.RequestStream.WriteAsync(batch);
                if (!await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                    break;
                }
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Exception ex) when (ex is RpcException or System.Net.Http.HttpIOException or InvalidOperationException)
        {
            // The ingress may end the call while a batch is still being written (the write then fails as
            // Cancelled); the reason it gave is in the call's status, read below.
        }

        var rejected = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        });
        return rejected;
    }
}
