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

    public JetStreamConnection(JetStreamOptions options, ILogger<JetStreamConnection> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        Options = options;
        _logger = logger;
        _client = new NatsClient(new NatsOpts { Url = options.Url, Name = "cloudbridge-ingress" });
        JetStream = _client.CreateJetStreamContext();
    }

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
            _topology ??= await CreateAsync(ct);
            return _topology;
        }
        finally
        {
            _init.Release();
        }
    }

    public string EventStreamOf(string gatewayId) => $"{Options.Stream}_{GatewayPartition.Of(gatewayId, Options.Partitions)}";

    public string EventSubjectOf(string gatewayId, string lane) =>
        $"{Options.SubjectPrefix}.{GatewayPartition.Of(gatewayId, Options.Partitions)}.{gatewayId}.{lane}";

    public string CommandSubjectOf(string gatewayId) => $"{Options.CommandSubjectPrefix}.{gatewayId}";

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        _init.Dispose();
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

    [LoggerMessage(EventId = 50, Level = LogLevel.Information, Message = "JetStream ready: {Partitions} events partitions {Stream}_*, R{Replicas}, on {Url}")]
    private static partial void LogReady(ILogger logger, int partitions, string stream, int replicas, string url);

    /// <summary>The streams and buckets central uses.</summary>
    public sealed record Topology(IReadOnlyDictionary<string, INatsJSStream> EventStreams, INatsJSStream Commands, INatsKVStore Ledger, INatsKVStore AuditHeads);
}
