using System.Threading.Channels;
using CloudBridge.Contract.V1;
using CloudBridge.Outbox;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace CloudBridge.Uplink;

public sealed partial class UplinkSender
{
    /// <summary>One uplink stream: resumes after the acked marks, sends batches by lane schedule, records acks.</summary>
    private sealed class UplinkSession(UplinkSender sender, long number) : IDisposable
    {
        private const int PurgeChunk = 5_000;
        private const int PurgeLag = 50_000;

        private readonly InFlightWindow _window = new(sender._options.MaxInFlightBatches);
        private readonly IReadOnlyList<LaneOptions> _lanes = sender._outbox.Lanes;
        private readonly long[] _lastSent = new long[sender._outbox.Lanes.Count];
        private ulong _batchId;

        public bool MadeProgress { get; private set; }

        public void Dispose() => _window.Dispose();

        public async Task RunAsync(CancellationToken ct)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            using var call = sender.CurrentClient.Stream(BridgeChannel.Headers(sender._options), cancellationToken: cts.Token);
            await sender._connect.ExecuteAsync(async t => await call.ResponseHeadersAsync.WaitAsync(t), cts.Token);
            // A refusal (bad token, unknown gateway) arrives as a trailers-only response: headers, then the status.
            ThrowIfCallFailed(call);
            var backlog = sender._store.Read(db => sender._outbox.Backlog(db));
            for (int i = 0; i < _lanes.Count; i++)
            {
                _lastSent[i] = backlog.First(b => b.Lane == _lanes[i].Name).AckedThrough;
            }

            sender._counters.Connected();
            if (sender._logger.IsEnabled(LogLevel.Information))
            {
                var resume = string.Join(", ", backlog.Select(b => $"{b.Lane}>{b.AckedThrough}"));
                LogConnected(sender._logger, number, resume);
            }

            var acks = ReadAcksAsync(call.ResponseStream, cts.Token);
            var sends = SendAsync(call.RequestStream, cts.Token);
            var first = await Task.WhenAny(acks, sends);
            await cts.CancelAsync();
            try
            {
                await Task.WhenAll(acks, sends);
            }
            catch (Exception) when (first.IsFaulted || first.IsCanceled)
            {
                // The first failure is the one that matters; the other task only saw the cancellation.
            }

            // The call's own status says why central ended it; the local tasks may only have seen the cancellation.
            ThrowIfCallFailed(call);
            await first;
            throw new RpcException(new Status(StatusCode.Unavailable, "Central closed the uplink stream."));
        }

        private static void ThrowIfCallFailed(AsyncDuplexStreamingCall<UplinkBatch, UplinkAck> call)
        {
            Status status;
            try
            {
                status = call.GetStatus();
            }
            catch (InvalidOperationException)
            {
                return; // Still running.
            }

            if (status.StatusCode is not (StatusCode.OK or StatusCode.Cancelled))
            {
                throw new RpcException(status);
            }
        }

        private async Task SendAsync(IClientStreamWriter<UplinkBatch> requests, CancellationToken ct)
        {
            var scheduler = new LaneScheduler(_lanes.Select(l => l.Weight).ToList());
            var pending = new IReadOnlyList<OutboxEvent>?[_lanes.Count];
            while (true)
            {
                if (!await _window.WaitForSlotAsync(sender._options.AckTimeout, sender._time, ct))
                {
                    throw new TimeoutException($"No ack from central within {sender._options.AckTimeout}.");
                }

                while (true)
                {
                    sender._outbox.Appended.Reset();
                    Array.Clear(pending);
                    int lane = scheduler.Next(i => (pending[i] ??= Read(i)).Count > 0);
                    if (lane >= 0)
                    {
                        var batch = ToBatch(lane, pending[lane]!);
                        await requests.WriteAsync(batch, ct);
                        _lastSent[lane] = (long)batch.Events[^1].Sequence;
                        _window.Sent(_lanes[lane].Name, _lastSent[lane]);
                        break;
                    }

                    if (!await PurgeSomeAsync(ct))
                    {
                        await sender._outbox.Appended.WaitAsync(sender._options.IdlePollInterval, sender._time, ct);
                    }
                }
            }
        }

        /// <summary>Nothing to send: remove acknowledged events from the store now, off the drain's hot path.</summary>
        private async Task<bool> PurgeSomeAsync(CancellationToken ct)
        {
            if (sender._store.Read(sender._outbox.Purgeable) == 0)
            {
                return false;
            }

            await sender._store.WriteAsync(db => _lanes.Sum(l => sender._outbox.Purge(db, l.Name, PurgeChunk)), ct);
            return true;
        }

        private IReadOnlyList<OutboxEvent> Read(int lane) =>
            sender._store.Read(db => sender._outbox.ReadAfter(db, _lanes[lane].Name, _lastSent[lane], sender._options.BatchSize));

        private UplinkBatch ToBatch(int lane, IReadOnlyList<OutboxEvent> events)
        {
            var batch = new UplinkBatch { BatchId = ++_batchId, Lane = _lanes[lane].Name };
            if (events[0].Sequence != _lastSent[lane] + 1)
            {
                // Events below this one were shed under the disk quota: tell central the gap is intended.
                batch.SkipTo = (ulong)events[0].Sequence;
            }

            foreach (var e in events)
            {
                batch.Events.Add(new EventEnvelope
                {
                    GatewayId = sender._options.GatewayId,
                    Lane = e.Lane,
                    Sequence = (ulong)e.Sequence,
                    EventId = e.EventId,
                    Type = e.Type,
                    OccurredAt = Timestamp.FromDateTime(e.OccurredAtUtc),
                    Payload = UnsafeByteOperations.UnsafeWrap(e.Payload),
                    TraceId = e.TraceId,
                    Schema = e.Schema,
                });
            }

            return batch;
        }

        private async Task ReadAcksAsync(IAsyncStreamReader<UplinkAck> acks, CancellationToken ct)
        {
            // Acks free window slots as they arrive; recording them is coalesced into one store write per burst,
            // because each write is a commit with an fsync. Bounded by the window, so it never grows.
            var pending = Channel.CreateBounded<UplinkAck>(new BoundedChannelOptions(sender._options.MaxInFlightBatches + 1)
            {
                SingleReader = true,
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
            var records = RecordAckedAsync(pending.Reader, ct);
            try
            {
                while (await acks.MoveNext(ct))
                {
                    var ack = acks.Current;
                    _window.Acknowledged(ack.Lane, (long)ack.AckedThrough);
                    MadeProgress = true;
                    await pending.Writer.WriteAsync(ack, ct);
                }
            }
            finally
            {
                pending.Writer.TryComplete();
            }

            await records;
        }

        private async Task RecordAckedAsync(ChannelReader<UplinkAck> acks, CancellationToken ct)
        {
            while (await acks.WaitToReadAsync(ct))
            {
                var through = new Dictionary<string, long>(StringComparer.Ordinal);
                while (acks.TryRead(out var ack))
                {
                    through[ack.Lane] = Math.Max(through.GetValueOrDefault(ack.Lane), (long)ack.AckedThrough);
                }

                var marks = through.ToArray();
                int acknowledged = await sender._store.WriteAsync(db => marks.Sum(m => sender._outbox.Acknowledge(db, m.Key, m.Value)), ct);
                sender._counters.Acked(acknowledged);
                if (sender._store.Read(sender._outbox.Purgeable) > PurgeLag)
                {
                    // A long drain never goes idle: keep the acked-but-stored tail bounded, so a quota purge inside
                    // the host's own write never has to remove hundreds of thousands of events at once.
                    await sender._store.WriteAsync(db => _lanes.Sum(l => sender._outbox.Purge(db, l.Name, PurgeChunk)), ct);
                }
            }
        }
    }
}
