using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CloudBridge.Contract.V1;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;

namespace CloudBridge.Sinks;

/// <summary>
/// Stores uplink events in a NATS JetStream stream, one subject per gateway and lane, with the event id as
/// JetStream message id so replicas of a stateless ingress can all write and nothing is stored twice.
/// </summary>
public sealed partial class JetStreamSink : ISink, IAsyncDisposable
{
    private readonly JetStreamSinkOptions _options;
    private readonly ILogger<JetStreamSink> _logger;
    private readonly NatsClient _client;
    private readonly INatsJSContext _js;
    private readonly ConcurrentDictionary<string, long> _highWaterMarks = new();
    private readonly SemaphoreSlim _init = new(1, 1);
    private INatsJSStream? _stream;

    public JetStreamSink(JetStreamSinkOptions options, ILogger<JetStreamSink> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _logger = logger;
        _client = new NatsClient(options.Url);
        _js = _client.CreateJetStreamContext();
    }

    /// <summary>Events JetStream recognised as already stored (by event id) since start.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    private long _duplicates;

    public async ValueTask<long> GetHighWaterMarkAsync(string gatewayId, string lane, CancellationToken ct)
    {
        var subject = SubjectOf(gatewayId, lane);
        if (_highWaterMarks.TryGetValue(subject, out long cached))
        {
            return cached;
        }

        var stream = await StreamAsync(ct);
        long hwm = 0;
        try
        {
            var last = await stream.GetAsync(new StreamMsgGetRequest { LastBySubj = subject }, ct);
            hwm = (long)Decode(last.Message).Sequence;
        }
        catch (NatsJSApiException ex) when (ex.Error.Code == 404)
        {
            // Nothing stored for this lane yet.
        }

        return _highWaterMarks.AddOrUpdate(subject, hwm, (_, existing) => Math.Max(existing, hwm));
    }

    public async Task<int> WriteAsync(string gatewayId, string lane, IReadOnlyList<EventEnvelope> events, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(events);
        await StreamAsync(ct);
        var subject = SubjectOf(gatewayId, lane);
        int stored = 0;
        foreach (var chunk in events.Chunk(_options.MaxPublishesInFlight))
        {
            var acks = chunk.Select(e => _js.PublishAsync(subject, e.ToByteArray(), opts: new NatsJSPubOpts { MsgId = e.EventId }, cancellationToken: ct).AsTask()).ToList();
            foreach (var ack in await Task.WhenAll(acks))
            {
                // EnsureSuccess treats a duplicate as an error; for us it is the dedup working.
                if (ack.Duplicate)
                {
                    Interlocked.Increment(ref _duplicates);
                    continue;
                }

                ack.EnsureSuccess();
                stored++;
            }
        }

        long last = (long)events[^1].Sequence;
        _highWaterMarks.AddOrUpdate(subject, last, (_, existing) => Math.Max(existing, last));
        return stored;
    }

    public async IAsyncEnumerable<EventEnvelope> ReadAsync(string gatewayId, string lane, long afterSequence, [EnumeratorCancellation] CancellationToken ct)
    {
        var stream = await StreamAsync(ct);
        var subject = SubjectOf(gatewayId, lane);
        ulong next = 1;
        while (true)
        {
            StreamMsgGetResponse response;
            try
            {
                response = await stream.GetAsync(new StreamMsgGetRequest { Seq = next, NextBySubj = subject }, ct);
            }
            catch (NatsJSApiException ex) when (ex.Error.Code == 404)
            {
                yield break;
            }

            var envelope = Decode(response.Message);
            next = response.Message.Seq + 1;
            if ((long)envelope.Sequence > afterSequence)
            {
                yield return envelope;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        _init.Dispose();
    }

    private async ValueTask<INatsJSStream> StreamAsync(CancellationToken ct)
    {
        if (_stream is { } ready)
        {
            return ready;
        }

        await _init.WaitAsync(ct);
        try
        {
            _stream ??= await _js.CreateOrUpdateStreamAsync(
                new StreamConfig(_options.Stream, [_options.SubjectPrefix + ".>"])
                {
                    DuplicateWindow = _options.DuplicateWindow,
                    Storage = StreamConfigStorage.File,
                },
                ct);
            LogStreamReady(_logger, _options.Stream, _options.Url);
            return _stream;
        }
        finally
        {
            _init.Release();
        }
    }

    private string SubjectOf(string gatewayId, string lane) => $"{_options.SubjectPrefix}.{gatewayId}.{lane}";

    private static EventEnvelope Decode(StoredMessage message) =>
        EventEnvelope.Parser.ParseFrom(message.Data.Span);

    [LoggerMessage(EventId = 50, Level = LogLevel.Information, Message = "JetStream stream {Stream} ready on {Url}")]
    private static partial void LogStreamReady(ILogger logger, string stream, string url);
}
