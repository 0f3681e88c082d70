using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;
using NATS.Net;

namespace CloudBridge.JetStream;

/// <summary>
/// One connection to the JetStream cluster shared by the sink, the ledger, the command log and the audit heads; creates
/// (or updates) the streams and buckets they use, once, replicated as configured.
/// </summary>
public sealed partial class JetStreamConnection : IAsyncDisposable
{
    private readonly ILogger<JetStreamConnection> _logger;
    private readonly NatsClient _client;
    private readonly SemaphoreSlim _init = new(1, 1);
    private Topology? _topology;

    private readonly TimeProvider _time;

    public JetStreamConnection(JetStreamOptions options, ILogger<JetStreamConnection> logger, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        Options = options;
        _logger = logger;
        // Reconnect quickly to another node when one goes away (the client default waits up to seconds).
        _client = new NatsClient(new NatsOpts
        {
            Url = options.Url,
            Name = "cloudbridge-ingress",
            ReconnectWaitMin = TimeSpan.FromMilliseconds(100),
            ReconnectWaitMax = TimeSpan.FromSeconds(1),
        });
        JetStream = _client.CreateJetStreamContext();
    }

    /// <summary>How long the first creation of streams and buckets keeps trying. 60 s.</summary>
    public static readonly TimeSpan StartupPatience = TimeSpan.FromSeconds(60);

    public JetStreamOptions Options { get; }

    public INatsJSContext JetStream { get; }

    /// <summary>The streams and buckets, created on first use (and at start by <see cref="JetStreamStartup"/>).</summary>
    public async ValueTask<Topology> TopologyAsync(CancellationToken ct)
    {
        if (_topology is { } ready)
        {
            return ready;
        }

        await _init.WaitAsync(ct);
        try
        {
            _topology ??= await CreateWithRetryAsync(ct);
            return _topology;
        }
        finally
        {
            _init.Release();
        }
    }

    /// <summary>
    /// Bytes of events the sink may put in one message: <see cref="JetStreamOptions.MaxMessageBytes"/>, capped by the
    /// connected server's <c>max_payload</c>, less room for the headers.
    /// </summary>
    public int MaxEventBytesPerMessage
    {
        get
        {
            long serverLimit = _client.Connection.ServerInfo?.MaxPayload is > 0 and var max ? max : Options.MaxMessageBytes;
            return (int)Math.Max(1024, Math.Min(Options.MaxMessageBytes, serverLimit) - HeaderRoom);
        }
    }

    /// <summary>Room kept for a message's headers (message id, expected last subject sequence, format) within the server's limit.</summary>
    private const int HeaderRoom = 1024;

    public string EventStreamOf(string gatewayId) => $"{Options.Stream}_{GatewayPartition.Of(gatewayId, Options.Partitions)}";

    public string EventSubjectOf(string gatewayId, string lane) =>
        $"{Options.SubjectPrefix}.{GatewayPartition.Of(gatewayId, Options.Partitions)}.{gatewayId}.{lane}";

    public string CommandSubjectOf(string gatewayId) => $"{Options.CommandSubjectPrefix}.{gatewayId}";

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _client.DisposeAsync();
        }
        catch (NatsTimeoutException ex)
        {
            // Closing unsubscribes with a server round trip; on an overloaded host that can time out. The connection is
            // gone either way and nothing unacknowledged depends on it, so a slow goodbye must not fail the host's stop.
            LogCloseTimedOut(_logger, ex.Message);
        }

        _init.Dispose();
    }

    /// <summary>
    /// Replicas start together, often with the cluster: stream creation may find no JetStream leader yet, or time out
    /// while the meta group settles. Retried for <see cref="StartupPatience"/>, then the start fails.
    /// </summary>
    private async Task<Topology> CreateWithRetryAsync(CancellationToken ct)
    {
        var deadline = _time.GetUtcNow() + StartupPatience;
        while (true)
        {
            try
            {
                return await CreateAsync(ct);
            }
            // Any NATS failure here may be the cluster settling (no meta leader, a replica racing to create the same
            // bucket); a lasting misconfiguration fails the start after the patience, with the server's own message.
            catch (Exception ex) when (ex is NatsException or TimeoutException && !ct.IsCancellationRequested)
            {
                if (_time.GetUtcNow() > deadline)
                {
                    throw;
                }

                LogNotReady(_logger, ex.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(500), _time, ct);
            }
        }
    }

    private async Task<Topology> CreateAsync(CancellationToken ct)
    {
        var o = Options;
        var events = new Dictionary<string, INatsJSStream>(StringComparer.Ordinal);
        for (int p = 0; p < o.Partitions; p++)
        {
            var name = $"{o.Stream}_{p}";
            events[name] = await JetStream.CreateOrUpdateStreamAsync(
                new StreamConfig(name, [$"{o.SubjectPrefix}.{p}.>"])
                {
                    Storage = StreamConfigStorage.File,
                    NumReplicas = o.Replicas,
                    Retention = StreamConfigRetention.Limits,
                    MaxAge = o.MaxAge,
                    MaxBytes = o.MaxBytesPerPartition,
                    // Full means refuse (no ack, the edge keeps its backlog), never drop what was acknowledged.
                    Discard = StreamConfigDiscard.New,
                    DuplicateWindow = o.DuplicateWindow,
                },
                ct);
        }

        var commands = await JetStream.CreateOrUpdateStreamAsync(
            new StreamConfig(o.CommandStream, [o.CommandSubjectPrefix + ".>"])
            {
                Storage = StreamConfigStorage.File,
                NumReplicas = o.Replicas,
                Retention = StreamConfigRetention.Limits,
                Discard = StreamConfigDiscard.New,
                DuplicateWindow = o.CommandDuplicateWindow,
            },
            ct);
        var kv = JetStream.CreateKeyValueStoreContext();
        var ledger = await kv.CreateOrUpdateStoreAsync(new NatsKVConfig(o.LedgerBucket) { History = 1, NumberOfReplicas = o.Replicas, Storage = NatsKVStorageType.File }, ct);
        var audit = await kv.CreateOrUpdateStoreAsync(new NatsKVConfig(o.AuditBucket) { History = 1, NumberOfReplicas = o.Replicas, Storage = NatsKVStorageType.File }, ct);
        LogReady(_logger, o.Partitions, o.Stream, o.Replicas, o.Url);
        return new Topology(events, commands, ledger, audit);
    }

    [LoggerMessage(EventId = 53, Level = LogLevel.Warning, Message = "JetStream connection closed without the server's confirmation ({Message})")]
    private static partial void LogCloseTimedOut(ILogger logger, string message);

    [LoggerMessage(EventId = 52, Level = LogLevel.Warning, Message = "JetStream not ready yet ({Message}); retrying")]
    private static partial void LogNotReady(ILogger logger, string message);

    [LoggerMessage(EventId = 50, Level = LogLevel.Information, Message = "JetStream ready: {Partitions} events partitions {Stream}_*, R{Replicas}, on {Url}")]
    private static partial void LogReady(ILogger logger, int partitions, string stream, int replicas, string url);

    /// <summary>The streams and buckets central uses.</summary>
    public sealed record Topology(IReadOnlyDictionary<string, INatsJSStream> EventStreams, INatsJSStream Commands, INatsKVStore Ledger, INatsKVStore AuditHeads);
}
