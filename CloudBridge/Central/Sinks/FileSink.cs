using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using CloudBridge.Contract.V1;
using Microsoft.Extensions.Logging;

namespace CloudBridge.Sinks;

/// <summary>
/// The embedded default sink: one append-only file per gateway and lane, fsynced per batch. The high-water marks
/// (the dedup state) are recovered from the files at start.
/// </summary>
public sealed partial class FileSink : ISink, IDisposable
{
    private readonly string _root;
    private readonly ILogger<FileSink> _logger;
    private readonly ConcurrentDictionary<(string Gateway, string Lane), LaneFile> _files = new();

    public FileSink(string directory, ILogger<FileSink> logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(logger);
        _root = Path.Combine(directory, "events");
        _logger = logger;
        Directory.CreateDirectory(_root);
        Recover();
    }

    public ValueTask<long> GetHighWaterMarkAsync(string gatewayId, string lane, CancellationToken ct) =>
        ValueTask.FromResult(FileOf(gatewayId, lane).HighWaterMark);

    public async Task<int> WriteAsync(string gatewayId, string lane, IReadOnlyList<EventEnvelope> events, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(events);
        var file = FileOf(gatewayId, lane);
        await file.Gate.WaitAsync(ct);
        try
        {
            var fresh = events.Where(e => (long)e.Sequence > file.HighWaterMark).ToList();
            if (fresh.Count == 0)
            {
                return 0;
            }

            file.Stream ??= RecordFile.OpenForAppend(file.Path, file.CommittedLength);
            var bytes = RecordFile.Frame(fresh);
            await file.Stream.WriteAsync(bytes, CancellationToken.None);
            // Durable before the ingress may ack: fsync per batch.
            file.Stream.Flush(flushToDisk: true);
            file.CommittedLength += bytes.Length;
            file.HighWaterMark = (long)fresh[^1].Sequence;
            return fresh.Count;
        }
        finally
        {
            file.Gate.Release();
        }
    }

    public async IAsyncEnumerable<EventEnvelope> ReadAsync(string gatewayId, string lane, long afterSequence, [EnumeratorCancellation] CancellationToken ct)
    {
        var file = FileOf(gatewayId, lane);
        long committed = file.CommittedLength;
        if (committed == 0)
        {
            yield break;
        }

        await using var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, useAsync: false);
        foreach (var (record, end) in RecordFile.Enumerate(stream, EventEnvelope.Parser))
        {
            ct.ThrowIfCancellationRequested();
            if (end > committed)
            {
                yield break;
            }

            if ((long)record.Sequence > afterSequence)
            {
                yield return record;
            }
        }
    }

    public void Dispose()
    {
        foreach (var file in _files.Values)
        {
            file.Stream?.Dispose();
            file.Gate.Dispose();
        }
    }

    private void Recover()
    {
        foreach (var gatewayDir in Directory.EnumerateDirectories(_root))
        {
            foreach (var path in Directory.EnumerateFiles(gatewayDir, "*.log"))
            {
                var key = (Path.GetFileName(gatewayDir), Path.GetFileNameWithoutExtension(path));
                long previous = 0;
                var records = RecordFile.ReadAll(path, EventEnvelope.Parser, r =>
                {
                    bool ok = (long)r.Sequence > previous;
                    previous = (long)r.Sequence;
                    return ok;
                }, out long validEnd);
                long length = new FileInfo(path).Length;
                if (length != validEnd)
                {
                    LogTornTail(_logger, path, length - validEnd);
                }

                var file = new LaneFile(path)
                {
                    HighWaterMark = records.Count > 0 ? (long)records[^1].Sequence : 0,
                    CommittedLength = validEnd,
                };
                _files[key] = file;
                LogRecovered(_logger, key.Item1, key.Item2, file.HighWaterMark);
            }
        }
    }

    private LaneFile FileOf(string gatewayId, string lane)
    {
        if (!SafeName().IsMatch(gatewayId) || !SafeName().IsMatch(lane))
        {
            throw new ArgumentException($"Unsafe gateway or lane name '{gatewayId}/{lane}'.");
        }

        return _files.GetOrAdd((gatewayId, lane), k => new LaneFile(Path.Combine(_root, k.Gateway, k.Lane + ".log")));
    }

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex SafeName();

    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "File sink {Path}: cut {Bytes} bytes of torn tail")]
    private static partial void LogTornTail(ILogger logger, string path, long bytes);

    [LoggerMessage(EventId = 41, Level = LogLevel.Information, Message = "File sink recovered {Gateway}/{Lane} through sequence {HighWaterMark}")]
    private static partial void LogRecovered(ILogger logger, string gateway, string lane, long highWaterMark);

    private sealed class LaneFile(string path)
    {
        public string Path { get; } = path;
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public FileStream? Stream { get; set; }
        public long HighWaterMark { get; set; }
        public long CommittedLength { get; set; }
    }
}
