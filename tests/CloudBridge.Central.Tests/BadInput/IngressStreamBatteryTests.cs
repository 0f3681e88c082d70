using CloudBridge.Central.Tests.Infrastructure;
using CloudBridge.Contract.V1;
using CsCheck;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit.Abstractions;

namespace CloudBridge.Central.Tests.BadInput;

/// <summary>
/// The bad-input battery through the real ingress over gRPC: streams from a gateway mixing good batches (next in
/// sequence, resends) with batches wrong in every way (another gateway, bad lane, gaps, regressions, garbage ids,
/// oversized, empty, bytes that are not protobuf). Each batch is acknowledged or the stream is refused with one
/// specific status and reason, never Internal or Unknown; what was acknowledged is stored exactly once, in order;
/// and the ingress keeps serving.
/// </summary>
public sealed class IngressStreamBatteryTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private const string Lane = "business";
    private const int MaxBatchEvents = 20;
    private const int Streams = 150;

    private static readonly StatusCode[] Refusals =
        [StatusCode.InvalidArgument, StatusCode.PermissionDenied, StatusCode.ResourceExhausted, StatusCode.FailedPrecondition, StatusCode.Unauthenticated];

    private readonly TempDirectory _dir = new();
    private TestIngress _ingress = null!;
    private CentralClient _central = null!;
    private ulong _acked;

    public async Task InitializeAsync()
    {
        _ingress = await TestIngress.StartAsync(_dir.Sub("central"), configure: o => o.MaxBatchEvents = MaxBatchEvents);
        _central = new CentralClient(_ingress.Address);
    }

    public async Task DisposeAsync() => await _ingress.DisposeAsync();

    public void Dispose()
    {
        _central.Dispose();
        _dir.Dispose();
    }

    /// <summary>How one batch of a stream goes wrong (or not): 0–2 are good, the rest each break one rule.</summary>
    private enum Flaw
    {
        None,
        Resend,
        NoneAgain,
        OtherGateway,
        BadLane,
        LaneMismatch,
        Gap,
        Regression,
        GarbageId,
        ZeroSequence,
        NoType,
        NoTime,
        Oversized,
        Empty,
        NotProtobuf,
    }

    [Fact]
    public async Task AnyStreamOfBatches_IsAckedOrRefusedWithOneSpecificStatus_AndWhatWasAckedIsStoredExactlyOnce()
    {
        long cases = 0, batches = 0, refused = 0;
        var streams = Gen.Select(Gen.Int[0, (int)Flaw.NotProtobuf].Select(f => (Flaw)f), Gen.Int[1, MaxBatchEvents], Gen.String[0, 20]).Array[1, 4];
        await streams.SampleAsync(
            async stream =>
            {
                cases++;
                batches += stream.Length;
                if (!await SendStreamAsync(stream))
                {
                    refused++;
                }
            },
            iter: Streams,
            threads: 1);

        // The ingress still serves a good batch, and central holds 1..acked exactly once, in order.
        Assert.True(await SendStreamAsync([(Flaw.None, 1, "")]));
        await _central.AssertExactlyOnceAsync(Lane, (long)_acked);
        output.WriteLine($"battery gRPC uplink streams: {cases} streams, {batches} batches, {refused} streams refused, {_acked} events acknowledged and stored once");
        Assert.Equal(Streams, cases);
    }

    /// <summary>Sends the batches on one stream; true when every batch was acknowledged, false when the stream was refused.</summary>
    private async Task<bool> SendStreamAsync((Flaw Flaw, int Count, string Junk)[] stream)
    {
        var method = new Method<byte[], UplinkAck>(MethodType.DuplexStreaming, "edgeagent.bridge.v1.Uplink", "Stream",
            Marshallers.Create(b => b, b => b), Marshallers.Create(a => a.ToByteArray(), UplinkAck.Parser.ParseFrom));
        // Each stream on a connection of its own, as a gateway's next stream after a refusal comes after its back-off.
        // Kestrel keeps a stream it refused before the request ended in its table for up to 5 s (the request-body drain
        // time) and, past twice MaxStreamsPerConnection such streams on one connection, resets every new stream with
        // ENHANCE_YOUR_CALM: its defence against HTTP/2 rapid reset (CVE-2023-44487). Hundreds of refusals a second on
        // one connection are that attack, not a gateway, so the battery does not send them down one connection.
        using var channel = GrpcChannel.ForAddress(_ingress.Address);
        // A deadline, so a batch the ingress never answers fails the battery naming the batch instead of hanging it
        // (a clean-clone CI run hung here once, with the whole test run waiting on one stream).
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(method, null, new CallOptions(Headers(), deadline: DateTime.UtcNow.AddSeconds(60)));
        (Flaw Flaw, bool MustAck) current = (Flaw.None, false);
        try
        {
            foreach (var (flaw, count, junk) in stream)
            {
                var (bytes, mayAck, mustAck, last) = Make(flaw, count, junk);
                current = (flaw, mustAck);
                await call.RequestStream.WriteAsync(bytes);
                if (!await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                    throw new InvalidOperationException($"the stream ended without an ack or a status after a {flaw} batch");
                }

                var ack = call.ResponseStream.Current;
                Assert.True(mayAck, $"a {flaw} batch was acknowledged through {ack.AckedThrough}");
                // A batch continuing the lane is acknowledged through its last event; a resend of stored events is
                // acknowledged through its own last one (as duplicates), never past what was sent.
                Assert.True(ack.AckedThrough <= Math.Max(_acked, last), $"a {flaw} batch ending at {last} acknowledged through {ack.AckedThrough}");
                Assert.True(!mustAck || ack.AckedThrough == last, $"a {flaw} batch ending at {last} acknowledged through {ack.AckedThrough}");
                _acked = Math.Max(_acked, ack.AckedThrough);
            }

            // End the call as a gateway does: complete the request side and read the response to its status. A call
            // dropped with its status unread is reset by the client, and Kestrel counts a stream as active until it is
            // done; hundreds of those on one connection are what HTTP/2 servers treat as an abuse (ENHANCE_YOUR_CALM).
            await call.RequestStream.CompleteAsync();
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                Assert.Fail($"an ack after the stream's last batch: {call.ResponseStream.Current}");
            }

            Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
            return true;
        }
        catch (RpcException e)
        {
            Assert.True(e.StatusCode != StatusCode.DeadlineExceeded, $"a {current.Flaw} batch got no answer within 60 s");
            Assert.False(current.MustAck, $"a {current.Flaw} batch continuing the lane was refused: {e.Status}");
            Assert.Contains(e.StatusCode, Refusals);
            Assert.False(string.IsNullOrWhiteSpace(e.Status.Detail), $"{e.StatusCode} without a reason");
            return false;
        }
    }

    /// <summary>The batch's bytes, whether the contract lets it be acknowledged, whether it must be, and its last sequence.</summary>
    private (byte[] Bytes, bool MayAck, bool MustAck, ulong Last) Make(Flaw flaw, int count, string junk)
    {
        if (flaw == Flaw.NotProtobuf)
        {
            return ([0xFF, 0xFF, 0xFF, 0xFF, 0x0F, .. System.Text.Encoding.UTF8.GetBytes(junk)], false, false, 0);
        }

        ulong first = flaw switch
        {
            Flaw.Resend => Math.Max(1UL, _acked + 1 - (ulong)Math.Min((long)_acked, count)),
            Flaw.Gap => _acked + 2,
            Flaw.Regression => _acked == 0 ? 0UL : 1UL,
            Flaw.ZeroSequence => 0UL,
            _ => _acked + 1,
        };
        int n = flaw switch { Flaw.Oversized => MaxBatchEvents + count, Flaw.Empty => 0, _ => count };
        var batch = new UplinkBatch { BatchId = first, Lane = flaw == Flaw.BadLane ? "Bad Lane " + junk : Lane };
        for (int i = 0; i < n; i++)
        {
            batch.Events.Add(new EventEnvelope
            {
                GatewayId = flaw == Flaw.OtherGateway ? "dc-2" : TestIngress.GatewayId,
                Lane = flaw == Flaw.LaneMismatch ? "audit" : batch.Lane,
                Sequence = first + (ulong)i,
                EventId = flaw == Flaw.GarbageId && i == n - 1 ? "'" + junk : Guid.NewGuid().ToString("N"),
                Type = flaw == Flaw.NoType ? "" : "test.event",
                OccurredAt = flaw == Flaw.NoTime ? null : Timestamp.FromDateTime(DateTime.UtcNow),
                Payload = ByteString.CopyFromUtf8(junk),
            });
        }

        // A resend (after a reconnect) or a batch starting again at 1 may be acknowledged as duplicates or refused as a
        // regression on this stream: either is an answer. Every other flaw breaks the contract and must be refused.
        bool mayAck = flaw is Flaw.None or Flaw.NoneAgain or Flaw.Resend or Flaw.Regression && n > 0;
        return (batch.ToByteArray(), mayAck, flaw is Flaw.None or Flaw.NoneAgain, first + (ulong)Math.Max(0, n - 1));
    }

    private static Metadata Headers() => new()
    {
        { "x-gateway-id", TestIngress.GatewayId },
        { "authorization", "Bearer " + TestIngress.GatewayToken },
    };
}
