using CloudBridge.Central.Tests.Infrastructure;
using CloudBridge.Contract.V1;
using CloudBridge.Downlink;
using CloudBridge.Edge.Tests.Infrastructure;
using CloudBridge.Uplink;
using Grpc.Core;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudBridge.Edge.Tests;

public sealed class DownlinkBatchTests
{
    [Fact]
    public async Task CommandsAlreadyArrived_AreAppliedTogether_InCursorOrder_AtMostMaxPerWrite()
    {
        // A stream whose 600 commands have all arrived before the subscriber reads the first (a wave's release, a
        // backlog after a reconnect): they are applied in ceil(600 / 256) = 3 store writes, in order, each once.
        const int count = 600;
        using var dir = new TempDirectory();
        await using var store = new TestOutboxStore(dir.Sub("edge"));
        var options = new UplinkOptions { Address = "http://127.0.0.1:1", GatewayId = "gw1", Token = "t" };
        var client = new Contract.V1.Downlink.DownlinkClient(new ArrivedStreamInvoker(count));
        using var subscriber = new DownlinkSubscriber(client, store, new OrderRecordingHandler(), options, TimeProvider.System, NullLogger<DownlinkSubscriber>.Instance);
        await subscriber.StartAsync(CancellationToken.None);
        await Eventually.WaitAsync(() => subscriber.Cursor == count && subscriber.Applied == count, "every command applied");
        await subscriber.StopAsync(CancellationToken.None);

        Assert.Equal((count + DownlinkSubscriber.MaxCommandsPerWrite - 1) / DownlinkSubscriber.MaxCommandsPerWrite, subscriber.Writes);
        var applied = store.Read(db => db.GetCollection("applied").FindAll().OrderBy(d => d["seq"].AsInt32).Select(d => d["cursor"].AsInt64).ToList());
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), applied);
    }

    [Fact]
    public async Task ACommandThatFails_InABatch_KeepsTheCommandsBeforeIt_AndTheCursorStopsBeforeIt()
    {
        // Command 5 of an arrived batch always throws: its write rolls back, the batch is applied again one command per
        // write, so 1–4 stay applied (as they would without batching) and the cursor stops at 4, never skipping 5.
        using var dir = new TempDirectory();
        await using var store = new TestOutboxStore(dir.Sub("edge"));
        var options = new UplinkOptions { Address = "http://127.0.0.1:1", GatewayId = "gw1", Token = "t" };
        var client = new Contract.V1.Downlink.DownlinkClient(new ArrivedStreamInvoker(20));
        var handler = new PoisonHandler(poison: 5);
        using var subscriber = new DownlinkSubscriber(client, store, handler, options, TimeProvider.System, NullLogger<DownlinkSubscriber>.Instance);
        await subscriber.StartAsync(CancellationToken.None);
        await Eventually.WaitAsync(() => handler.PoisonAttempts >= 2, "the failing command tried in its batch and again alone");
        await subscriber.StopAsync(CancellationToken.None);

        Assert.Equal(4, subscriber.Cursor);
        var applied = store.Read(db => db.GetCollection("applied").FindAll().Select(d => d["cursor"].AsInt64).Order().ToList());
        Assert.Equal([1L, 2L, 3L, 4L], applied);
    }

    private sealed class PoisonHandler(long poison) : ICommandHandler
    {
        private int _poisonAttempts;

        public int PoisonAttempts => Volatile.Read(ref _poisonAttempts);

        public void Apply(LiteDatabase db, Command command)
        {
            if ((long)command.Cursor == poison)
            {
                Interlocked.Increment(ref _poisonAttempts);
                throw new InvalidOperationException($"command {poison} cannot be applied");
            }

            db.GetCollection("applied").Insert(new BsonDocument { ["_id"] = command.CommandId, ["cursor"] = (long)command.Cursor });
        }
    }

    /// <summary>Records each command under its id (unique: a second apply would throw) with the order it was applied in.</summary>
    private sealed class OrderRecordingHandler : ICommandHandler
    {
        public void Apply(LiteDatabase db, Command command)
        {
            var applied = db.GetCollection("applied");
            applied.Insert(new BsonDocument { ["_id"] = command.CommandId, ["cursor"] = (long)command.Cursor, ["seq"] = applied.Count() + 1 });
        }
    }

    /// <summary>Central's downlink as a stream whose commands have all arrived: each read completes at once, then it waits to be cancelled.</summary>
    private sealed class ArrivedStreamInvoker(int count) : CallInvoker
    {
        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        {
            var after = (long)((SubscribeRequest)(object)request).AfterCursor;
            var reader = new ArrivedReader(after, count, options.CancellationToken);
            return new AsyncServerStreamingCall<TResponse>((IAsyncStreamReader<TResponse>)(object)reader, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
        }

        public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw new NotSupportedException();

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw new NotSupportedException();

        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();

        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();
    }

    private sealed class ArrivedReader(long after, int count, CancellationToken callCancelled) : IAsyncStreamReader<Command>
    {
        private long _cursor = after;

        public Command Current { get; private set; } = null!;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (_cursor >= count)
            {
                using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, callCancelled);
                await Task.Delay(Timeout.Infinite, both.Token);
            }

            _cursor++;
            Current = new Command { Cursor = (ulong)_cursor, CommandId = $"c-{_cursor}", Kind = CommandKind.OrderRelease };
            return true;
        }
    }
}
