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
        private readonly ReadAheadBudget _readAhead = new(sender._options.ReadAheadBytes, sender._counters);
        private readonly IReadOnlyList<LaneOptions> _lanes = sender._outbox.Lanes;
        private readonly long[] _lastRead = new long[sender._outbox.Lanes.Count];
        // Per lane, the outbox's change number when a read found nothing after _lastRead (-1: look); see Outbox.LaneChanges.
        private readonly long[] _emptyAt = [.. Enumerable.Repeat(-1L, sender._outbox.Lanes.Count)];
        // The outbox's ack change number when nothing could be purged (-1: look).
        private long _nothingToPurgeAt = -1;
        private ulong _batchId;
        private Task _purging = Task.CompletedTask;

        public bool MadeProgress { get; private set; }

        public void Dispose()
        {
            _window.Dispose();
            _readAhead.Dispose();
        }

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
                _lastRead[i] = backlog.First(b => b.Lane == _lanes[i].Name).AckedThrough;
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

        /// <summary>
        /// Writes the batches the read-ahead prepared, each once a window slot is free. Reading the next batch (store
        /// lock, page decoding), this write and the ack commits run at the same time instead of taking turns.
        /// </summary>
        private async Task SendAsync(IClientStreamWriter<UplinkBatch> requests, CancellationToken ct)
        {
            var ready = Channel.CreateBounded<HeldBatch>(new BoundedChannelOptions(sender._options.ReadAheadBatches)
            {
                SingleReader = true,
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
            using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var reading = ReadAheadAsync(ready.Writer, stopReading.Token);
            try
            {
                while (true)
                {
                    if (!await _window.WaitForSlotAsync(sender._options.AckTimeout, sender._time, ct))
                    {
                        throw new TimeoutException($"No ack from central within {sender._options.AckTimeout}.");
                    }

                    if (!await ready.Reader.WaitToReadAsync(ct) || !ready.Reader.TryRead(out var held))
                    {
                        await reading; // Rethrows why the read-ahead stopped.
                        throw new InvalidOperationException("The uplink read-ahead ended.");
                    }

                    await requests.WriteAsync(held.Batch, ct);
                    _window.Sent(held.Batch.Lane, held.Last);
                    _readAhead.Written(held);
                }
            }
            finally
            {
                await stopReading.CancelAsync();
                try
                {
                    await reading;
                }
                catch (Exception) when (stopReading.IsCancellationRequested)
                {
                    // Stopped with the session; the reason the session ended is the writer's.
                }

                // Batches read but never written go with the session; the next one reads them again from the marks.
                while (ready.Reader.TryRead(out var dropped))
                {
                    _readAhead.Written(dropped);
                }
            }
        }

        /// <summary>
        /// Reads the next batch by lane schedule while the stream writes the previous ones: at most
        /// <see cref="UplinkOptions.ReadAheadBatches"/> batches and about <see cref="UplinkOptions.ReadAheadBytes"/> wait
        /// for the writer, so the sender's memory is bounded by the options, never by the backlog.
        /// </summary>
        private async Task ReadAheadAsync(ChannelWriter<HeldBatch> ready, CancellationToken ct)
        {
            Exception? failure = null;
            try
            {
                var scheduler = new LaneScheduler(_lanes.Select(l => l.Weight).ToList());
                var pending = new IReadOnlyList<OutboxEvent>?[_lanes.Count];
                while (true)
                {
                    // Room first, then read: a batch is never read only to wait for a place in the queue.
                    await _readAhead.WaitForRoomAsync(ct);
                    if (!await ready.WaitToWriteAsync(ct))
                    {
                        return;
                    }

                    while (true)
                    {
                        sender._outbox.Appended.Reset();
                        Array.Clear(pending);
                        int lane = scheduler.Next(i => (pending[i] ??= Read(i)).Count > 0);
                        if (lane >= 0)
                        {
                            var held = new HeldBatch(ToBatch(lane, pending[lane]!), pending[lane]![^1].Sequence, pending[lane]!.Count, pending[lane]!.Sum(HeldBytes));
                            Array.Clear(pending);
                            _lastRead[lane] = held.Last;
                            _readAhead.Read(held);
                            if (!ready.TryWrite(held))
                            {
                                throw new InvalidOperationException("The uplink read-ahead queue had no room after saying it had.");
                            }

                            break;
                        }

                        if (!await PurgeSomeAsync(ct)
                            && !await sender._outbox.Appended.WaitAsync(sender._options.IdlePollInterval, sender._time, ct)
                            && !sender._outbox.ReportsTransactionEnds)
                        {
                            // The store does not say when its writes end: a commit may have followed a look that found
                            // a lane empty with nothing to wake the sender again, so the timed poll looks at every lane.
                            Array.Fill(_emptyAt, -1);
                            _nothingToPurgeAt = -1;
                        }
                    }
                }
            }
            catch (Exception ex)
            {
                failure = ex;
                throw;
            }
            finally
            {
                ready.TryComplete(failure);
                ForgetPurge();
            }
        }

        /// <summary>What an event costs the sender's memory while held: payload, ids and names.</summary>
        private static long HeldBytes(OutboxEvent e) => e.Payload.Length + 2L * (e.EventId.Length + e.Type.Length + e.TraceId.Length + e.Schema.Length) + 64;

        /// <summary>
        /// Nothing to send: remove acknowledged events from the store, off the drain's hot path. Returns true when it
        /// purged and the caller should look again at once (a large acknowledged tail goes chunk by chunk).
        /// </summary>
        /// <remarks>
        /// Purging is no promise to anyone (events central has acknowledged, removed a little later or, after a crash,
        /// by the next purge), so a small purge rides with the next write the agent makes anyway, like the ack marks,
        /// instead of a commit and fsync of its own after every burst of events; the read-ahead does not wait for it.
        /// A tail past one chunk (after an outage's backlog) is purged in writes of its own, as before.
        /// </remarks>
        private async Task<bool> PurgeSomeAsync(CancellationToken ct)
        {
            if (!_purging.IsCompleted)
            {
                return false; // the last one still waits for a write to ride with
            }

            await _purging; // a purge the store refused ends the session with its error, as a write of its own did
            if (sender._outbox.AckChanges == _nothingToPurgeAt)
            {
                return false; // no acknowledgement since the last look found nothing to purge
            }

            var (acks, purgeable) = sender._store.Read(db => (sender._outbox.AckChanges, sender._outbox.Purgeable(db)));
            if (purgeable == 0)
            {
                _nothingToPurgeAt = acks;
                return false;
            }

            if (purgeable > PurgeChunk)
            {
                await sender._store.WriteAsync(db => _lanes.Sum(l => sender._outbox.Purge(db, l.Name, PurgeChunk)), ct);
                return true;
            }

            _purging = sender._store.WriteWithNextAsync(db => _lanes.Sum(l => sender._outbox.Purge(db, l.Name, PurgeChunk)), sender._options.AckRecordDelay, ct);
            return false;
        }

        /// <summary>A riding purge the session ended before it was committed: nobody waits for it any more.</summary>
        private void ForgetPurge() =>
            _ = _purging.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        /// <summary>
        /// The lane's next batch. A lane found empty is not read again while the outbox's change number for it stands:
        /// the number is taken inside the same store read, before the events, so an append or a commit after that read
        /// moves it (see <see cref="Outbox.Outbox.LaneChanges"/>). An idle sender reads nothing on its polls.
        /// </summary>
        private IReadOnlyList<OutboxEvent> Read(int lane)
        {
            if (sender._outbox.LaneChanges(lane) == _emptyAt[lane])
            {
                return [];
            }

            sender._counters.LaneRead();
            var (changes, events) = sender._store.Read(db => (sender._outbox.LaneChanges(lane), sender._outbox.ReadAfter(db, _lanes[lane].Name, _lastRead[lane], sender._options.BatchSize)));
            if (events.Count == 0)
            {
                _emptyAt[lane] = changes;
            }

            return events;
        }

        private UplinkBatch ToBatch(int lane, IReadOnlyList<OutboxEvent> events)
        {
            var batch = new UplinkBatch { BatchId = ++_batchId, Lane = _lanes[lane].Name };
            if (events[0].Sequence != _lastRead[lane] + 1)
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
            // Acks free window slots as they arrive; what they acknowledge is kept as one mark per lane (acks are
            // cumulative), and the recorder writes the newest marks: never more than the lanes, however slow it is.
            var received = new AckedMarks();
            var records = RecordAckedAsync(received, ct);
            try
            {
                while (await acks.MoveNext(ct))
                {
                    var ack = acks.Current;
                    _window.Acknowledged(ack.Lane, (long)ack.AckedThrough);
                    MadeProgress = true;
                    received.Add(ack.Lane, (long)ack.AckedThrough);
                    if (records.IsCompleted)
                    {
                        await records; // the store refused: end the stream with its error
                    }
                }
            }
            finally
            {
                received.Complete();
            }

            await records;
        }

        private async Task RecordAckedAsync(AckedMarks received, CancellationToken ct)
        {
            while (await received.TakeAsync(sender._time, ct) is { } marks)
            {
                // The marks are no promise to anyone (lost in a crash, the events are sent again and central acks
                // its duplicates), so they need no commit of their own: they ride with the next write the agent
                // makes anyway, and are committed alone only when none comes within AckRecordDelay.
                int acknowledged = await sender._store.WriteWithNextAsync(
                    db => marks.Sum(m => sender._outbox.Acknowledge(db, m.Key, m.Value)), sender._options.AckRecordDelay, ct);
                sender._counters.Acked(acknowledged);
                if (sender._store.Read(sender._outbox.Purgeable) > PurgeLag)
                {
                    // A long drain never goes idle: keep the acked-but-stored tail bounded, so a quota purge inside
                    // the host's own write never has to remove hundreds of thousands of events at once.
                    await sender._store.WriteAsync(db => _lanes.Sum(l => sender._outbox.Purge(db, l.Name, PurgeChunk)), ct);
                }
            }
        }

        /// <summary>The newest acked sequence per lane not yet recorded; the ack reader adds, the recorder takes.</summary>
        private sealed class AckedMarks
        {
            private readonly Lock _gate = new();
            private readonly AsyncSignal _added = new();
            private Dictionary<string, long> _marks = new(StringComparer.Ordinal);
            private bool _completed;

            public void Add(string lane, long through)
            {
                lock (_gate)
                {
                    _marks[lane] = Math.Max(_marks.GetValueOrDefault(lane), through);
                }

                _added.Set();
            }

            public void Complete()
            {
                lock (_gate)
                {
                    _completed = true;
                }

                _added.Set();
            }

            /// <summary>The marks received since the last take; null once the stream's acks ended and all were taken.</summary>
            public async Task<KeyValuePair<string, long>[]?> TakeAsync(TimeProvider time, CancellationToken ct)
            {
                while (true)
                {
                    _added.Reset();
                    lock (_gate)
                    {
                        if (_marks.Count > 0)
                        {
                            var taken = _marks.ToArray();
                            _marks = new(StringComparer.Ordinal);
                            return taken;
                        }

                        if (_completed)
                        {
                            return null;
                        }
                    }

                    await _added.WaitAsync(TimeSpan.FromSeconds(1), time, ct);
                }
            }
        }
    }
}
