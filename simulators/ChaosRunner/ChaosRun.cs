using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CloudBridge.Contract.V1;
using EdgeAgent.Drivers.Mqtt;
using EdgeAgent.Simulators.Floor;
using EdgeAgent.Simulators.Handhelds;
using EdgeAgent.Simulators.Printers;
using Grpc.Core;
using Grpc.Net.Client;

namespace ChaosRunner;

/// <summary>
/// One chaos run: the real agent and the real central ingress as child processes on loopback, the WAN between
/// them through <see cref="WanProxy"/>, picker bots on MQTT handhelds and the ERP on the admin API as the load,
/// and the seeded faults. At the end everything is stopped and <see cref="Reconciler"/> counts.
/// </summary>
internal sealed partial class ChaosRun(ChaosOptions options, string root, TextWriter journal) : IDisposable
{
    public const string Gateway = "gw1";
    private const string GatewayToken = "chaos-gateway-token";
    private const string AdminToken = "chaos-admin-token";

    // The runner reads the agent's /api/state (its outbox backlog) as a console viewer would: the console's API
    // answers 401 without sign-in or a token, which made every drain check time out.
    private const string ViewerToken = "chaos-viewer-token";
    private const long NormalQuota = 512L * 1024 * 1024;
    private const long SqueezedQuota = 16 * 1024;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private readonly string _agentDll = ChildProcess.BuiltDll("AgentDll");
    private readonly string _ingressDll = ChildProcess.BuiltDll("IngressDll");
    private readonly int _ingressPort = ChildProcess.FreePort();
    private readonly int _brokerPort = ChildProcess.FreePort();
    private readonly int _httpPort = ChildProcess.FreePort();
    private readonly SemaphoreSlim _agentGate = new(1, 1);
    private readonly SemaphoreSlim _ingressGate = new(1, 1);
    private readonly SemaphoreSlim _wanGate = new(1, 1);
    private readonly SemaphoreSlim _brokerGate = new(1, 1);
    private MosquittoBroker? _mosquitto;
    private readonly Stopwatch _clock = new();
    private ChildProcess? _agent;
    private ChildProcess? _ingress;
    private WanProxy? _wan;

    /// <summary>The conveyor's label printers, emulated in the runner (ZPL over TCP, <c>~HS</c> status).</summary>
    private readonly List<ZplPrinterEmulator> _printers = [];

    /// <summary>The agent's data directory; under <c>disk/</c>, which is a tmpfs when the plan squeezes the disk.</summary>
    public string AgentData => Path.Combine(root, "disk", "agent");

    public string CentralData => Path.Combine(root, "central");

    public List<string> Injected { get; } = [];

    public void Dispose()
    {
        _agentGate.Dispose();
        _ingressGate.Dispose();
        _wanGate.Dispose();
        _brokerGate.Dispose();
    }

    /// <summary>Kills the agent and the ingress and closes the WAN proxy, if they are still there (also after a failed run).</summary>
    public async Task StopChildrenAsync()
    {
        if (Interlocked.Exchange(ref _agent, null) is { } agent)
        {
            await agent.DisposeAsync();
        }

        if (Interlocked.Exchange(ref _ingress, null) is { } ingress)
        {
            await ingress.DisposeAsync();
        }

        if (Interlocked.Exchange(ref _wan, null) is { } wan)
        {
            await wan.DisposeAsync();
        }

        if (Interlocked.Exchange(ref _mosquitto, null) is { } mosquitto)
        {
            await mosquitto.DisposeAsync();
        }

        // Stopped once, not forgotten: their label counts are read after the run.
        if (Interlocked.Exchange(ref _printersStopped, 1) == 0)
        {
            foreach (var printer in _printers)
            {
                await printer.DisposeAsync();
            }
        }
    }

    public async Task<ChaosResult> RunAsync(CancellationToken ct)
    {
        await PrepareDiskAsync();
        Directory.CreateDirectory(AgentData);
        Directory.CreateDirectory(CentralData);
        var plan = FaultPlan.Create(options.Seed, options.Duration, options.Faults, options.Quick);
        Say($"seed={options.Seed} duration={options.Duration.TotalSeconds:0}s handhelds={options.Handhelds} dir={root}");
        Say("plan: " + string.Join(' ', plan));

        _wan = new WanProxy(_ingressPort);
        _wan.Start();
        StartPrinters();
        await StartMosquittoAsync(ct);

        // Both at once: the agent does not need central to start, and each start takes seconds.
        await Task.WhenAll(StartIngressAsync(ct), StartAgentAsync(NormalQuota, ct));
        await ReleaseLabelsAsync(ct);

        var random = new Random(options.Seed);
        using var erp = new ErpLoad($"http://127.0.0.1:{_ingressPort}", AdminToken, Gateway, new Random(random.Next()), journal);
        using var loadStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var handhelds = new List<HandheldClient>();
        var bots = new List<PickerBot>();
        for (int i = 1; i <= options.Handhelds; i++)
        {
            var handheld = new HandheldClient(
                new HandheldClientOptions { Port = _brokerPort, DeviceId = Device(i), Password = Password(Device(i)), ResendInterval = TimeSpan.FromSeconds(2) },
                TimeProvider.System);
            await handheld.ConnectAsync(ct);
            handhelds.Add(handheld);
            bots.Add(new PickerBot(
                handheld,
                new PickerBotOptions { PickerId = $"P-{i}", Seed = options.Seed * 100 + i, Walk = TimeSpan.FromMilliseconds(150), MistakeRate = 0.05, ShortRate = 0.05, IdleRetry = TimeSpan.FromSeconds(1) },
                TimeProvider.System));
        }

        await using var conveyor = new ConveyorLoad(() => _brokerPort, options.Scanners, options.Masters, options.Seed, journal);
        _clock.Start();
        var erpTask = Guard(() => erp.RunAsync(TimeSpan.FromMilliseconds(2500), 2, loadStop.Token), loadStop.Token);
        var conveyorTask = Guard(() => conveyor.RunAsync(loadStop.Token), loadStop.Token);
        var botTasks = bots.Select(b => Guard(() => b.RunAsync(stopWhenIdle: false, loadStop.Token), loadStop.Token)).ToList();
        var faultTasks = plan.Select(f => InjectAsync(f, ct)).ToList();

        await Task.Delay(options.Duration, ct);
        await Task.WhenAll(faultTasks);
        await EnsureAgentReadyAsync(ct);
        Say("load stops; every fault is over");
        await loadStop.CancelAsync();
        await erpTask;
        await Task.WhenAll(botTasks);
        await conveyorTask;

        // End markers: the ERP's last command, each scanner's last read, each master's named skip. The agent handles
        // each source in order, so once central holds all of them, everything before them was handled.
        var markers = new List<CentralMarker>(await conveyor.MarkEndAsync(TimeSpan.FromSeconds(120), ct));
        if (await erp.MarkEndAsync(ct) is { } marker)
        {
            markers.Add(CentralMarker.Command(marker));
        }

        var missing = await WaitForMarkersAsync(conveyor, markers, TimeSpan.FromSeconds(180), ct);
        Say(missing.Count == 0
            ? $"central holds the agent's answer to every end marker ({markers.Count}: the ERP's last command, each scanner's last read, each master's last number)"
            : $"central does NOT hold, after 180 s: {string.Join(' ', missing)}");
        var drained = await WaitForDrainAsync(TimeSpan.FromSeconds(90), ct);
        Say(drained ? "the agent's outbox is drained" : "the agent's outbox did NOT drain in 90 s");
        var centralAudit = await CentralAuditAsync(ct);

        foreach (var handheld in handhelds)
        {
            await handheld.DisposeAsync();
        }

        await StopChildrenAsync();
        var (edgeAuditCode, edgeAudit) = await ChildProcess.RunAsync(_agentDll, ["audit", "verify", "--data-dir", AgentData], TimeSpan.FromMinutes(2));
        Say($"edge audit verify (exit {edgeAuditCode}): {edgeAudit.Trim().Split('\n').LastOrDefault()}");

        var picks = bots.Select((b, i) => (Device: Device(i + 1), Picks: (IReadOnlyList<AnsweredPick>)[.. b.AnsweredPicks])).ToList();
        foreach (var (device, answered) in picks)
        {
            foreach (var pick in answered)
            {
                journal.WriteLine($"pick-ack {device} {pick.TaskId} seq {pick.Seq}");
            }
        }

        var reads = conveyor.AcceptedReads.ToDictionary(r => r.Key, r => (IReadOnlyList<long>)[.. r.Value], StringComparer.Ordinal);
        var edges = conveyor.AcceptedEdges.ToDictionary(r => r.Key, r => (IReadOnlyList<long>)[.. r.Value], StringComparer.Ordinal);
        Say($"load: {picks.Sum(p => p.Picks.Count)} picks answered, {erp.Accepted.Count} ERP commands accepted ({erp.OrdersReleased} orders), {erp.Refused} ERP appends refused while central was down, {handhelds.Sum(h => h.Resends)} handheld resends, "
            + $"{reads.Values.Sum(r => r.Count)} carton reads and {edges.Values.Sum(e => e.Count)} sensor edges acknowledged by the broker ({conveyor.NotAnswered} publishes never answered)");
        return new ChaosResult(picks, erp.Accepted, centralAudit, edgeAuditCode == 0, drained) { Reads = reads, Edges = edges, LabelsPrinted = LabelsPrinted, NamedLosses = NamedLosses, CommandCursors = erp.Cursors };
    }

    private async Task InjectAsync(Fault fault, CancellationToken ct)
    {
        await Task.Delay(fault.At, ct);
        switch (fault.Kind)
        {
            case FaultKind.AgentKill:
                await _agentGate.WaitAsync(ct);
                try
                {
                    bool running = await AgentReadyWithinAsync(KillWaitsForReady, ct);
                    Say($"SIGKILL agent (pid {_agent!.Id}, {(running ? "running" : "still starting")}), restart in {fault.Hold.TotalSeconds:0.0}s");
                    await _agent.DisposeAsync();
                    await Task.Delay(fault.Hold, ct);
                    await StartAgentAsync(NormalQuota, ct, waitUntilReady: false);
                }
                finally
                {
                    _agentGate.Release();
                }

                break;
            case FaultKind.IngressKill:
                await _ingressGate.WaitAsync(ct);
                try
                {
                    Say($"SIGKILL ingress (pid {_ingress!.Id}), restart in {fault.Hold.TotalSeconds:0.0}s");
                    await _ingress.DisposeAsync();
                    await Task.Delay(fault.Hold, ct);
                    await StartIngressAsync(ct);
                }
                finally
                {
                    _ingressGate.Release();
                }

                break;
            case FaultKind.WanDrop or FaultKind.WanStall:
                await _wanGate.WaitAsync(ct);
                try
                {
                    Say($"WAN {(fault.Kind == FaultKind.WanDrop ? "dropped" : "stalled")} for {fault.Hold.TotalSeconds:0.0}s");
                    if (fault.Kind == FaultKind.WanDrop)
                    {
                        _wan!.Drop();
                    }
                    else
                    {
                        _wan!.Stall();
                    }

                    await Task.Delay(fault.Hold, ct);
                    _wan.Restore();
                    Say("WAN restored");
                }
                finally
                {
                    _wanGate.Release();
                }

                break;
            case FaultKind.QuotaSqueeze:
                await _agentGate.WaitAsync(ct);
                await _wanGate.WaitAsync(ct);
                try
                {
                    Say($"outbox quota squeezed to {SqueezedQuota} bytes with the WAN cut, for {fault.Hold.TotalSeconds:0.0}s");
                    _wan!.Drop();
                    await _agent!.DisposeAsync();
                    await StartAgentAsync(SqueezedQuota, ct);
                    await Task.Delay(fault.Hold, ct);
                    _wan.Restore();
                    await Task.Delay(TimeSpan.FromSeconds(2), ct);
                    await _agent.DisposeAsync();
                    await StartAgentAsync(NormalQuota, ct);
                    Say("outbox quota back to normal");
                }
                finally
                {
                    _wanGate.Release();
                    _agentGate.Release();
                }

                break;
            case FaultKind.BrokerRestart:
                await InjectBrokerRestartAsync(fault, ct);
                break;
            case FaultKind.DiskSqueeze:
                await InjectDiskSqueezeAsync(fault, ct);
                break;
            case FaultKind.PrinterFail:
                await InjectPrinterFailAsync(fault, ct);
                break;
            case FaultKind.StoreDamage:
                await InjectStoreDamageAsync(fault, ct);
                break;
            case FaultKind.StoreTruncate:
                await InjectStoreTruncateAsync(fault, ct);
                break;
        }

        lock (Injected)
        {
            Injected.Add(fault.ToString());
        }
    }

    /// <param name="recover">Starts with <c>Store:OnDamage=Recover</c>, as an operator does after the agent refused a damaged store.</param>
    private async Task StartAgentAsync(long quota, CancellationToken ct, bool waitUntilReady = true, bool recover = false)
    {
        var settings = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{_httpPort}",
            ["Broker:Port"] = _brokerPort.ToString(CultureInfo.InvariantCulture),
            ["Store:DataDirectory"] = AgentData,
            ["EdgeAgent:GatewayId"] = Gateway,
            ["EdgeAgent:ConsoleFormat"] = "Text",
            ["CloudBridge:Uplink:Address"] = $"http://127.0.0.1:{_wan!.Port}",
            ["CloudBridge:Uplink:Token"] = GatewayToken,
            ["CloudBridge:Outbox:QuotaBytes"] = quota.ToString(CultureInfo.InvariantCulture),
            ["Governance:Operators:chaos-runner:Role"] = "Viewer",
            ["Governance:Operators:chaos-runner:TokenHash"] = PasswordHash.Create(ViewerToken, PasswordHash.MinimumIterations),
            ["Governance:Operators:chaos-release:Role"] = "Integration",
            ["Governance:Operators:chaos-release:TokenHash"] = PasswordHash.Create(ReleaseToken, PasswordHash.MinimumIterations),
        };
        AddConveyor(settings);
        if (recover)
        {
            settings["Store:OnDamage"] = "Recover";
        }

        if (_mosquitto is not null)
        {
            settings["Broker:Mode"] = "External";
            settings["Broker:Host"] = "127.0.0.1";
            settings["Broker:Username"] = AgentBrokerUser;
            settings["Broker:Password"] = AgentBrokerPassword;
        }

        for (int i = 1; i <= options.Handhelds; i++)
        {
            settings[$"Handhelds:Devices:{i - 1}"] = Device(i);
            settings[$"Broker:Clients:{Device(i)}:Kind"] = "handheld";
            settings[$"Broker:Clients:{Device(i)}:PasswordHash"] = PasswordHash.Create(Password(Device(i)), PasswordHash.MinimumIterations);
        }

        if (!waitUntilReady)
        {
            // Agent kills do not wait for the agent they restart: the next kill may land while it is still starting.
            _agent = ChildProcess.Start(_agentDll, settings.Select(s => $"--{s.Key}={s.Value}"), Path.Combine(root, "agent.log"), "EdgeAgent ready");
            Say($"agent starting (pid {_agent.Id}, quota {quota} bytes)");
            return;
        }

        // A loaded machine can take minutes to start .NET; a start that never gets ready is killed and tried again.
        for (int attempt = 1; ; attempt++)
        {
            _agent = ChildProcess.Start(_agentDll, settings.Select(s => $"--{s.Key}={s.Value}"), Path.Combine(root, "agent.log"), "EdgeAgent ready");
            try
            {
                await _agent.WaitForLineAsync(StartTimeout, ct);
                break;
            }
            catch (InvalidOperationException e) when (attempt < 3)
            {
                Say($"agent start {attempt} failed ({e.Message}); trying again");
                await _agent.DisposeAsync();
            }
        }

        Say($"agent up (pid {_agent.Id}, quota {quota} bytes)");
    }

    private async Task StartIngressAsync(CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            _ingress = ChildProcess.Start(
                _ingressDll,
                [
                    $"--Ingress:Port={_ingressPort}",
                    $"--Ingress:DataDirectory={CentralData}",
                    $"--Ingress:Gateways:{Gateway}:Token={GatewayToken}",
                    $"--Ingress:AdminToken={AdminToken}",
                    "--Logging:LogLevel:Default=Information",
                ],
                Path.Combine(root, "ingress.log"),
                "Application started");
            try
            {
                await _ingress.WaitForLineAsync(StartTimeout, ct);
                break;
            }
            catch (InvalidOperationException e) when (attempt < 3)
            {
                Say($"ingress start {attempt} failed ({e.Message}); trying again");
                await _ingress.DisposeAsync();
            }
        }

        Say($"ingress up (pid {_ingress.Id})");
    }

    /// <summary>Waits until the agent reports no backlog on any lane (its /api/state), i.e. central acknowledged everything.</summary>
    private async Task<bool> WaitForDrainAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_httpPort}"), Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ViewerToken);
        var until = Stopwatch.StartNew();
        while (until.Elapsed < timeout)
        {
            try
            {
                var state = await http.GetFromJsonAsync<JsonElement>("/api/state", ct);
                if (state.TryGetProperty("bridge", out var bridge) && bridge.ValueKind == JsonValueKind.Object
                    && bridge.GetProperty("lanes").EnumerateArray().All(l => l.GetProperty("backlog").GetInt64() == 0))
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            await Task.Delay(500, ct);
        }

        return false;
    }

    /// <summary>Reads central's business lane (admin API) until it holds every marker; returns those it still lacks at the timeout.</summary>
    private async Task<IReadOnlyList<CentralMarker>> WaitForCentralAsync(IReadOnlyList<CentralMarker> markers, TimeSpan timeout, CancellationToken ct)
    {
        var waiting = markers.ToHashSet();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_ingressPort}");
        var admin = new CentralAdmin.CentralAdminClient(channel);
        var headers = new Metadata { { "authorization", "Bearer " + AdminToken } };
        ulong after = 0;
        var until = Stopwatch.StartNew();
        while (waiting.Count > 0 && until.Elapsed < timeout)
        {
            try
            {
                using var read = admin.ReadEvents(new ReadEventsRequest { GatewayId = Gateway, Lane = "business", AfterSequence = after, MaxEvents = 10_000 }, headers, cancellationToken: ct);
                await foreach (var envelope in read.ResponseStream.ReadAllAsync(ct))
                {
                    after = envelope.Sequence;
                    if (envelope.Schema == CloudBridge.Contract.Floor.V1.FloorEvent.Descriptor.FullName)
                    {
                        waiting.ExceptWith(MarkersIn(CloudBridge.Contract.Floor.V1.FloorEvent.Parser.ParseFrom(envelope.Payload)));
                    }
                }
            }
            catch (RpcException)
            {
            }

            if (waiting.Count > 0)
            {
                await Task.Delay(500, ct);
            }
        }

        return [.. waiting];
    }

    /// <summary>
    /// Waits until central holds every end marker; a device's marker still missing after 15 s is replaced by a new one
    /// (the agent's session may not have been subscribed when the broker took the old one; the agent then names it missing).
    /// </summary>
    private async Task<IReadOnlyList<CentralMarker>> WaitForMarkersAsync(ConveyorLoad conveyor, List<CentralMarker> markers, TimeSpan timeout, CancellationToken ct)
    {
        var until = Stopwatch.StartNew();
        while (true)
        {
            var missing = await WaitForCentralAsync(markers, TimeSpan.FromSeconds(15), ct);
            if (missing.Count == 0 || until.Elapsed >= timeout)
            {
                return missing;
            }

            foreach (var old in missing.Where(m => m.Kind != "command"))
            {
                var again = await conveyor.RemarkAsync(old.Device, TimeSpan.FromSeconds(60), ct);
                Say($"central does not hold the end marker {old} yet; a new one: {again}");
                markers[markers.IndexOf(old)] = again;
            }
        }
    }

    /// <summary>The end markers a floor event at central answers.</summary>
    private static IEnumerable<CentralMarker> MarkersIn(CloudBridge.Contract.Floor.V1.FloorEvent floor)
    {
        if (floor.OrderPriorityChanged?.CommandId is { Length: > 0 } changed)
        {
            yield return CentralMarker.Command(changed);
        }

        if (floor.CommandRejected?.CommandId is { Length: > 0 } rejected)
        {
            yield return CentralMarker.Command(rejected);
        }

        if (floor.CartonScanned is not null || floor.CartonUnknown is not null || floor.CartonNoRead is not null)
        {
            yield return CentralMarker.Read(floor.DeviceId, floor.Seq);
        }

        if (floor.DeviceReadsMissing is { } gap)
        {
            yield return CentralMarker.Gap(floor.DeviceId, gap.LastMissing);
        }
    }

    private async Task<AuditChainState?> CentralAuditAsync(CancellationToken ct)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{_ingressPort}");
        var admin = new CentralAdmin.CentralAdminClient(channel);
        try
        {
            return await admin.GetAuditChainAsync(new AuditChainRequest { GatewayId = Gateway }, new Metadata { { "authorization", "Bearer " + AdminToken } }, cancellationToken: ct);
        }
        catch (RpcException e)
        {
            Say($"central's audit chain state could not be read: {e.Status}");
            return null;
        }
    }

    private static async Task Guard(Func<Task> work, CancellationToken stopped)
    {
        try
        {
            await work();
        }
        catch (OperationCanceledException)
        {
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled)
        {
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException) when (stopped.IsCancellationRequested)
        {
            // The load was stopped in the middle of a publish: MQTTnet reports that as a time-out
            // (MqttCommunicationTimedOutException). It ended a 10-minute run right after "load stops".
        }
    }

    private void Say(string line)
    {
        var stamped = string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,6:0.0}s] {line}");
        Console.WriteLine(stamped);
        lock (journal)
        {
            journal.WriteLine(stamped);
        }
    }

    /// <summary>
    /// The conveyor segment: the runner's emulated label printers on TCP, the simulated GPIO chip (nothing drives it
    /// from outside the agent's process), the fixed scanners and the IO-Link masters' photo-eyes over MQTT.
    /// </summary>
    private void AddConveyor(Dictionary<string, string> settings)
    {
        settings["Conveyor:Enabled"] = "true";
        settings["Conveyor:Gpio"] = "Simulated";
        for (int i = 0; i < _printerEndpoints.Count; i++)
        {
            settings[$"Conveyor:Printers:{i}:Id"] = _printerEndpoints[i].Name;
            settings[$"Conveyor:Printers:{i}:Host"] = "127.0.0.1";
            settings[$"Conveyor:Printers:{i}:Port"] = _printerEndpoints[i].Port.ToString(CultureInfo.InvariantCulture);
        }

        for (int i = 1; i <= options.Scanners; i++)
        {
            AddDevice(settings, ConveyorLoad.Scanner(i), "scanner");
        }

        int port = 0;
        for (int i = 1; i <= options.Masters; i++)
        {
            var master = ConveyorLoad.Master(i);
            AddDevice(settings, master, "iolink");
            foreach (var p in new[] { 1, 2 })
            {
                settings[$"Conveyor:IoLink:Ports:{port}:MasterId"] = master;
                settings[$"Conveyor:IoLink:Ports:{port}:Port"] = p.ToString(CultureInfo.InvariantCulture);
                settings[$"Conveyor:IoLink:Ports:{port}:Name"] = ConveyorLoad.Eye(master, p);
                settings[$"Conveyor:IoLink:Ports:{port}:Role"] = "PhotoEye";
                port++;
            }
        }
    }

    private static void AddDevice(Dictionary<string, string> settings, string id, string kind)
    {
        settings[$"Broker:Clients:{id}:Kind"] = kind;
        settings[$"Broker:Clients:{id}:PasswordHash"] = PasswordHash.Create(ConveyorLoad.Password(id), PasswordHash.MinimumIterations);
    }

    private static string Device(int i) => string.Create(CultureInfo.InvariantCulture, $"hh-{i}");

    private static string Password(string device) => "pw-" + device;
}

internal sealed record ChaosResult(
    IReadOnlyList<(string Device, IReadOnlyList<AnsweredPick> Picks)> Picks,
    IReadOnlyDictionary<string, CommandKind> Commands,
    AuditChainState? CentralAudit,
    bool EdgeAuditOk,
    bool Drained)
{
    /// <summary>Carton reads the broker acknowledged to each scanner, by <c>seq</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<long>> Reads { get; init; } = new Dictionary<string, IReadOnlyList<long>>();

    /// <summary>Labels the emulated printers printed.</summary>
    public int LabelsPrinted { get; init; }

    /// <summary>Photo-eye edges the broker acknowledged to each IO-Link master, by <c>seq</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<long>> Edges { get; init; } = new Dictionary<string, IReadOnlyList<long>>();

    /// <summary>Acknowledged work the agent named lost at the open of a damaged store (<see cref="FaultKind.StoreTruncate"/>).</summary>
    public IReadOnlyList<NamedLoss> NamedLosses { get; init; } = [];

    /// <summary>Each accepted ERP command's cursor in central's command log.</summary>
    public IReadOnlyDictionary<string, long> CommandCursors { get; init; } = new Dictionary<string, long>();
}
