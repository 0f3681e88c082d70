using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using CloudBridge.Contract.V1;
using CloudBridge.Sinks;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;

namespace CloudBridge.Ingress;

/// <summary>
/// The embedded default: per-gateway, append-only, fsynced files of downlink commands on this ingress's disk. A command's cursor is its position (1, 2, …);
/// appends are idempotent by command id so the ERP may retry.
/// </summary>
public sealed partial class CommandLog : ICommandLog, IDisposable
{
    private readonly string _root;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, GatewayCommands> _gateways = new(StringComparer.Ordinal);

    public CommandLog(IOptions<IngressOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _root = Path.Combine(options.Value.DataDirectory, "commands");
        _time = time;
        Directory.CreateDirectory(_root);
    }

    public async Task<AppendCommandReply> AppendAsync(AppendCommandRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var log = Of(request.GatewayId);
        await log.Gate.WaitAsync(ct);
        try
        {
            if (log.ById.TryGetValue(request.CommandId, out long existing))
            {
                return new AppendCommandReply { Cursor = (ulong)existing, Duplicate = true };
            }

            var command = new Command
            {
                Cursor = (ulong)log.Count + 1,
                CommandId = request.CommandId,
                Kind = request.Kind,
                IssuedAt = Timestamp.FromDateTimeOffset(_time.GetUtcNow()),
                Payload = request.Payload,
                TraceId = request.TraceId,
            };
            var bytes = RecordFile.Frame([command]);
            log.Stream ??= RecordFile.OpenForAppend(log.Path, log.Length);
            await log.Stream.WriteAsync(bytes, CancellationToken.None);
            log.Stream.Flush(flushToDisk: true);
            log.Length += bytes.Length;
            log.Add(command);
            log.Appended.Set();
            return new AppendCommandReply { Cursor = command.Cursor };
        }
        finally
        {
            log.Gate.Release();
        }
    }

    /// <summary>Commands after <paramref name="afterCursor"/>, then new ones as they are appended, until cancelled.</summary>
    public async IAsyncEnumerable<Command> FollowAsync(string gatewayId, long afterCursor, [EnumeratorCancellation] CancellationToken ct)
    {
        var log = Of(gatewayId);
        long next = afterCursor;
        while (!ct.IsCancellationRequested)
        {
            log.Appended.Reset();
            var batch = log.After(next);
            foreach (var command in batch)
            {
                yield return command;
                next = (long)command.Cursor;
            }

            if (batch.Count == 0)
            {
                await log.Appended.WaitAsync(Timeout.InfiniteTimeSpan, _time, ct);
            }
        }
    }

    public void Dispose()
    {
        foreach (var log in _gateways.Values)
        {
            log.Stream?.Dispose();
            log.Gate.Dispose();
        }
    }

    private GatewayCommands Of(string gatewayId)
    {
        if (!SafeName().IsMatch(gatewayId))
        {
            throw new ArgumentException($"Unsafe gateway id '{gatewayId}'.", nameof(gatewayId));
        }

        return _gateways.GetOrAdd(gatewayId, id => GatewayCommands.Load(Path.Combine(_root, id + ".log")));
    }

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex SafeName();

    private sealed class GatewayCommands
    {
        private readonly List<Command> _items = [];
        private readonly Lock _itemsGate = new();

        private GatewayCommands(string path) => Path = path;

        public string Path { get; }
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public AsyncSignal Appended { get; } = new();
        public Dictionary<string, long> ById { get; } = new(StringComparer.Ordinal);
        public FileStream? Stream { get; set; }
        public long Length { get; set; }

        public int Count
        {
            get
            {
                lock (_itemsGate)
                {
                    return _items.Count;
                }
            }
        }

        public static GatewayCommands Load(string path)
        {
            var log = new GatewayCommands(path);
            ulong expected = 1;
            var records = RecordFile.ReadAll(path, Command.Parser, c => c.Cursor == expected++, out long validEnd);
            records.ForEach(log.Add);
            log.Length = validEnd;
            return log;
        }

        public void Add(Command command)
        {
            lock (_itemsGate)
            {
                _items.Add(command);
            }

            ById[command.CommandId] = (long)command.Cursor;
        }

        public List<Command> After(long cursor)
        {
            lock (_itemsGate)
            {
                int from = (int)Math.Min(cursor, _items.Count);
                return _items.GetRange(from, Math.Min(256, _items.Count - from));
            }
        }
    }
}
