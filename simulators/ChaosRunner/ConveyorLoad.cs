using System.Collections.Concurrent;
using System.Globalization;
using EdgeAgent.Simulators.Scanners;
using EdgeAgent.Simulators.Sensors;
using MQTTnet;

namespace ChaosRunner;

/// <summary>
/// The conveyor's devices as load: fixed scanners publishing carton reads and IO-Link masters publishing photo-eye
/// edges, each on its own MQTT connection to the agent's broker, reconnecting after every broker restart as a real
/// device does. A read or an edge counts as accepted when the broker answered its QoS 1 publish with success (what
/// the device was told); MQTT 5's <c>NoMatchingSubscribers</c> is a success too, since a device does not look.
/// </summary>
internal sealed class ConveyorLoad(Func<int> brokerPort, int scanners, int masters, int seed, TextWriter journal) : IAsyncDisposable
{
    public const string Site = "site1";
    public const string CompanyPrefix = "0614141";
    private static readonly TimeSpan ReadEvery = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan PassEvery = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan ReconnectEvery = TimeSpan.FromMilliseconds(500);

    private readonly List<ConveyorScanner> _scanners = [];
    private readonly List<IoLinkMasterPublisher> _masters = [];
    private readonly int _port = brokerPort();
    private long _notAnswered;

    public static string Scanner(int i) => string.Create(CultureInfo.InvariantCulture, $"SCN-{i}");

    public static string Master(int i) => string.Create(CultureInfo.InvariantCulture, $"iol-{i}");

    /// <summary>The photo-eye a master's port feeds: each master has two eyes, on ports 1 and 2.</summary>
    public static string Eye(string master, int port) => string.Create(CultureInfo.InvariantCulture, $"{master}-eye{port}");

    public static string Password(string device) => "pw-" + device;

    public IEnumerable<string> ScannerIds => Enumerable.Range(1, scanners).Select(Scanner);

    public IEnumerable<string> MasterIds => Enumerable.Range(1, masters).Select(Master);

    /// <summary>Reads the broker acknowledged, by scanner: their <c>seq</c>s in the order published.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<long>> AcceptedReads { get; } = new(StringComparer.Ordinal);

    /// <summary>Edges (port messages) the broker acknowledged, by master: their <c>seq</c>s in the order published.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<long>> AcceptedEdges { get; } = new(StringComparer.Ordinal);

    /// <summary>Publishes the broker never answered (the connection went first): not accepted, not counted.</summary>
    public long NotAnswered => Interlocked.Read(ref _notAnswered);

    public async Task RunAsync(CancellationToken ct)
    {
        for (int i = 1; i <= scanners; i++)
        {
            _scanners.Add(new ConveyorScanner(new ConveyorScannerOptions { Host = "127.0.0.1", Port = _port, Site = Site, DeviceId = Scanner(i), Password = Password(Scanner(i)) }));
            AcceptedReads[Scanner(i)] = new ConcurrentQueue<long>();
        }

        for (int i = 1; i <= masters; i++)
        {
            _masters.Add(new IoLinkMasterPublisher("127.0.0.1", _port, Site, Master(i), Password(Master(i))));
            AcceptedEdges[Master(i)] = new ConcurrentQueue<long>();
        }

        var runs = _scanners.Select((s, i) => RunScannerAsync(s, i + 1, ct))
            .Concat(_masters.Select((m, i) => RunMasterAsync(m, i + 1, ct)));
        await Task.WhenAll(runs);
    }

    /// <summary>
    /// After the load: each scanner publishes one last read and each master skips one number and publishes once more, each
    /// until the broker answers <c>Success</c>. The agent handles a device's messages in order, so once central holds the
    /// answer to these (the read's carton event; the skipped number named as <c>device.reads-missing</c>), every earlier
    /// message of that device was handled. Returns the markers to wait for.
    /// </summary>
    /// <remarks>
    /// A broker's success does not prove the agent's session for that device family was subscribed (Mosquitto answers
    /// success with nobody subscribed; the agent's sessions connect one after another as it starts), so a marker central
    /// does not get in time is replaced by a new one (<see cref="RemarkAsync"/>): the agent names the lost one missing.
    /// </remarks>
    public async Task<IReadOnlyList<CentralMarker>> MarkEndAsync(TimeSpan timeout, CancellationToken ct)
    {
        var markers = new List<CentralMarker>();
        foreach (var device in ScannerIds.Concat(MasterIds))
        {
            markers.Add(await RemarkAsync(device, timeout, ct));
        }

        return markers;
    }

    /// <summary>Publishes a (new) end marker for <paramref name="device"/>, a scanner or a master, and returns it.</summary>
    public async Task<CentralMarker> RemarkAsync(string device, TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        if (_scanners.FirstOrDefault(s => s.DeviceId == device) is { } scanner)
        {
            while (true)
            {
                limit.Token.ThrowIfCancellationRequested();
                if (await EnsureConnectedAsync(scanner.IsConnected, scanner.ConnectAsync, limit.Token)
                    && await TryAsync(() => scanner.ReadAcknowledgedAsync(ReadData(scanner.DeviceId, scanner.LastSeq + 1), limit.Token)) is { } sent)
                {
                    Count(AcceptedReads[device], sent.Seq, sent.Result, device);
                    if (sent.Result.ReasonCode == MqttClientPublishReasonCode.Success)
                    {
                        return CentralMarker.Read(device, sent.Seq);
                    }
                }

                await Task.Delay(ReconnectEvery, limit.Token);
            }
        }

        var index = MasterIds.ToList().IndexOf(device);
        var master = _masters[index];
        while (true)
        {
            limit.Token.ThrowIfCancellationRequested();
            master.LoseMessages(1);
            if (await EnsureConnectedAsync(master.IsConnected, master.ConnectAsync, limit.Token)
                && await TryAsync(() => master.PublishAcknowledgedAsync(1, false, DateTimeOffset.UtcNow, limit.Token)) is { } sent)
            {
                Count(AcceptedEdges[device], sent.Seq, sent.Result, device);
                if (sent.Result.ReasonCode == MqttClientPublishReasonCode.Success)
                {
                    return CentralMarker.Gap(device, sent.Seq - 1);
                }
            }

            await Task.Delay(ReconnectEvery, limit.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var scanner in _scanners)
        {
            await Quietly(scanner.DisposeAsync);
        }

        foreach (var master in _masters)
        {
            await Quietly(master.DisposeAsync);
        }
    }

    /// <summary>The SSCC on the carton a scanner reads as its <paramref name="seq"/>th read.</summary>
    public static string Sscc(string scanner, long seq) =>
        LabelCodes.Sscc(0, CompanyPrefix, (long.Parse(scanner.AsSpan(4), CultureInfo.InvariantCulture) * 1_000_000L) + seq);

    /// <summary>
    /// A carton read: a valid SSCC (<c>carton.scanned</c> when its shipment was released, else <c>carton.unknown</c>),
    /// one in 20 cut short (<c>carton.no-read</c>).
    /// </summary>
    private static string ReadData(string device, long seq) =>
        seq % 20 == 7 ? LabelCodes.SsccRead(Sscc(device, seq))[..9] : LabelCodes.SsccRead(Sscc(device, seq));

    private async Task RunScannerAsync(ConveyorScanner scanner, int index, CancellationToken ct)
    {
        var accepted = AcceptedReads[scanner.DeviceId];
        var random = new Random(seed * 1000 + index);
        while (!ct.IsCancellationRequested)
        {
            if (await EnsureConnectedAsync(scanner.IsConnected, scanner.ConnectAsync, ct)
                && await TryAsync(() => scanner.ReadAcknowledgedAsync(ReadData(scanner.DeviceId, scanner.LastSeq + 1), ct)) is { } sent)
            {
                Count(accepted, sent.Seq, sent.Result, scanner.DeviceId);
            }

            await Pause(ReadEvery, random, ct);
        }
    }

    private async Task RunMasterAsync(IoLinkMasterPublisher master, int index, CancellationToken ct)
    {
        var id = Master(index);
        var accepted = AcceptedEdges[id];
        var random = new Random(seed * 2000 + index);
        int port = 1;
        while (!ct.IsCancellationRequested)
        {
            // A carton passes one eye: blocked, then clear 40-200 ms later (by the master's clock, in ts), both published
            // at once as a master does after filtering. The agent derives carton.detected from the pair.
            var clear = DateTimeOffset.UtcNow;
            var blocked = clear.AddMilliseconds(-40 - random.Next(160));
            if (await EnsureConnectedAsync(master.IsConnected, master.ConnectAsync, ct))
            {
                foreach (var (value, at) in new[] { (true, blocked), (false, clear) })
                {
                    if (await TryAsync(() => master.PublishAcknowledgedAsync(port, value, at, ct)) is not { } sent)
                    {
                        break;
                    }

                    Count(accepted, sent.Seq, sent.Result, id);
                }
            }

            port = 3 - port;
            await Pause(PassEvery, random, ct);
        }
    }

    private void Count(ConcurrentQueue<long> accepted, long seq, MqttClientPublishResult result, string device)
    {
        if (result.IsSuccess)
        {
            accepted.Enqueue(seq);
        }
        else
        {
            lock (journal)
            {
                journal.WriteLine(string.Create(CultureInfo.InvariantCulture, $"refused {device} seq {seq}: {result.ReasonCode} {result.ReasonString}"));
            }
        }
    }

    private static async Task<bool> EnsureConnectedAsync(bool connected, Func<CancellationToken, Task> connect, CancellationToken ct)
    {
        if (connected)
        {
            return true;
        }

        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(TimeSpan.FromSeconds(5));
            await connect(limit.Token);
            return true;
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            // The broker is down (the agent restarting) or refused us while starting: try again shortly.
            return false;
        }
    }

    /// <summary>A publish whose answer never came (the connection dropped first) is null: the device was told nothing.</summary>
    private async Task<T?> TryAsync<T>(Func<Task<T>> publish)
        where T : struct
    {
        try
        {
            return await publish();
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or MQTTnet.Exceptions.MqttClientNotConnectedException or InvalidOperationException or ObjectDisposedException)
        {
            Interlocked.Increment(ref _notAnswered);
            return null;
        }
    }

    private static async Task Pause(TimeSpan every, Random random, CancellationToken ct)
    {
        try
        {
            await Task.Delay(every * (0.5 + random.NextDouble()), ct);
        }
        catch (OperationCanceledException)
        {
            // The load stops; the loop sees the token.
        }
    }

    private static async Task Quietly(Func<ValueTask> dispose)
    {
        try
        {
            await dispose();
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or ObjectDisposedException)
        {
            // The broker is already gone at the end of the run.
        }
    }
}

/// <summary>What the end of the run waits for at central: an ERP command's answer, a scanner's read, or a master's named gap.</summary>
internal sealed record CentralMarker(string Kind, string Device, long Value)
{
    public static CentralMarker Command(string commandId) => new("command", commandId, 0);

    public static CentralMarker Read(string scanner, long seq) => new("read", scanner, seq);

    /// <summary>The skipped number a master's last message makes the agent name: a gap ending at <paramref name="lastMissing"/>.</summary>
    public static CentralMarker Gap(string master, long lastMissing) => new("gap", master, lastMissing);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Kind}:{Device}#{Value}");
}
