using System.Diagnostics;
using EdgeAgent.Broker;
using EdgeAgent.Fulfilment;
using EdgeAgent.Hosting;
using EdgeAgent.Models.Rebalancing;
using EdgeAgent.Planning;
using EdgeAgent.ShiftScenario.Scenario;
using EdgeAgent.ShiftScenario.Report;
using EdgeAgent.ShiftScenario.Truth;
using EdgeAgent.Simulators.Handhelds;
using EdgeAgent.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.ShiftScenario.Running;

/// <summary>
/// Plays one shift of the floor truth against the real agent under one policy. Time is a stepped virtual clock:
/// the runner takes the earliest floor event, moves the agent's injected clock to it, and speaks to the agent
/// through its real interfaces (MQTT handhelds, the console's HTTP API, central's downlink through the bridge); the
/// agent answers in wall time while the clock stands still, so how fast this machine is does not change what happens
/// on the floor. Under the models the runner also decides when the planner plans (<c>Planning:DrivenByCaller</c>):
/// on the planner's own cadence (a trigger, then at most one plan per <c>MinIntervalMilliseconds</c>; without one,
/// every <c>RefreshSeconds</c>), counted on the shift clock, so the same seed gives the same plans.
/// </summary>
internal sealed partial class ShiftRunner : IAsyncDisposable
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMinutes(5);

    private readonly ShiftTruth _truth;
    private readonly PlanningPolicy _policy;
    private readonly TextWriter _progress;
    private readonly FakeTimeProvider _clock;
    private readonly FloorLedger _ledger;
    private readonly PriorityQueue<ShiftEvent, (TimeSpan, long)> _events = new();
    // The store lives in memory-backed /dev/shm when there is one: its fsyncs are real calls but cost nothing, so a
    // shift of 100 pickers runs in minutes; durability is not what this runner measures.
    private readonly string _root = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"shift-scenario-{Environment.ProcessId}-{Guid.NewGuid():N}");
    private readonly List<FloorPicker> _pickers = [];
    private long _seq;
    private WebApplication? _app;
    private CentralErp? _central;
    private ConveyorFloor? _conveyor;
    private ScriptedSupervisor? _supervisor;
    private PickPlanner? _planner;
    private PlanBoard? _board;
    private TimeSpan _minInterval;
    private TimeSpan _refresh;
    private DateTimeOffset _lastPlan;
    private RebalanceTrigger? _pending;
    private DateTimeOffset _pendingSince;
    private AgentQuiet? _quiet;
    private readonly WallProfile _profile = new();
    private ReassignWatch? _reassign;
    private TimeSpan _sweepEvery;
    private DateTimeOffset _lastSweep;

    public ShiftRunner(ShiftTruth truth, PlanningPolicy policy, TextWriter progress)
    {
        _truth = truth;
        _policy = policy;
        _progress = progress;
        _clock = new FakeTimeProvider(truth.Scenario.ShiftStart);
        _ledger = new FloorLedger(truth);
    }

    private DateTimeOffset Start => _truth.Scenario.ShiftStart;

    public async Task<PolicyResult> RunAsync(CancellationToken ct)
    {
        var wall = Stopwatch.StartNew();
        var begun = WallProfile.Mark();
        var port = AgentConfiguration.FreeLoopbackPort();
        _central = await CentralErp.StartAsync(Path.Combine(_root, "central"), ct);
        _conveyor = ConveyorFloor.StartPrinters(2);
        var settings = AgentConfiguration.For(_truth, _policy, Path.Combine(_root, "agent"), port, _central);
        _conveyor.Configure(settings);
        _app = AgentHost.Build([], new AgentHostOptions
        {
            ConfigurationDefaults = settings,
            BeforeParts = (services, _) => services.AddSingleton<TimeProvider>(_clock),
        });
        await _app.StartAsync(ct);
        var broker = _app.Services.GetRequiredService<AgentBroker>();
        var store = _app.Services.GetRequiredService<DurableStore>();
        _board = _app.Services.GetRequiredService<PlanBoard>();
        _quiet = new AgentQuiet(_app.Services);
        var reassign = _app.Services.GetRequiredService<IOptions<ReassignOptions>>().Value;
        if (reassign.Enabled)
        {
            // Planning:DrivenByCaller keeps the watch's own loop off: the runner sweeps on the watch's cadence, on the shift clock.
            (_reassign, _sweepEvery, _lastSweep) = (_app.Services.GetRequiredService<ReassignWatch>(), TimeSpan.FromSeconds(reassign.CheckSeconds), _clock.GetUtcNow());
        }

        await _quiet.SettleAsync(ct);
        if (_policy == PlanningPolicy.Models)
        {
            var planning = _app.Services.GetRequiredService<IOptions<PlanningOptions>>().Value;
            (_minInterval, _refresh) = (TimeSpan.FromMilliseconds(planning.MinIntervalMilliseconds), TimeSpan.FromSeconds(planning.RefreshSeconds));
            _planner = _app.Services.GetRequiredService<PickPlanner>();
            await _planner.InitialiseAsync(ct);
            await PlanAsync(RebalanceTrigger.Manual, ct);
        }

        _supervisor = new ScriptedSupervisor(new Uri($"http://127.0.0.1:{port}"), _truth);
        var site = _app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Configuration.AgentOptions>>().Value.Site;
        await _conveyor.ConnectAsync(_app.Services, new Uri($"http://127.0.0.1:{port}"), site, broker.Host, broker.Port, _truth.Orders, ct);
        foreach (var truth in _truth.Pickers)
        {
            var handheld = new HandheldClient(new HandheldClientOptions
            {
                Host = broker.Host,
                Port = broker.Port,
                Site = site,
                DeviceId = truth.DeviceId,
                Password = AgentConfiguration.Password(truth.DeviceId),
                // A machine loaded past its cores (six runs of 100 handhelds beside a build) can hold a ping past
                // the default 15 s in wall time; a dropped handheld reads as a picker gone offline to the agent.
                KeepAlive = TimeSpan.FromMinutes(5),
            }, TimeProvider.System);
            await handheld.ConnectAsync(ct);
            var picker = new FloorPicker(truth, handheld);
            _pickers.Add(picker);
            Schedule(TimeSpan.Zero, ShiftEventKind.PickerLogin, picker);
            foreach (var (start, _) in truth.Breaks)
            {
                Schedule(start, ShiftEventKind.BreakStarts, picker, "break");
            }

            if (truth.LeavesAt is { } leaves)
            {
                Schedule(leaves, ShiftEventKind.BreakStarts, picker, "leaves");
            }
        }

        foreach (var release in _truth.Orders.Select(o => o.ReleaseAt).Distinct())
        {
            Schedule(release, ShiftEventKind.Release);
        }

        foreach (var moved in _truth.Scenario.Disruptions.Where(d => d.Kind == DisruptionKinds.CutOffEarlier))
        {
            Schedule(TimeSpan.FromHours(moved.AtHour), ShiftEventKind.CutOffChange, Subject: moved.Carrier);
        }

        for (var i = 0; i < _truth.Scenario.Disruptions.Count; i++)
        {
            if (_truth.Scenario.Disruptions[i] is var d && DisruptionKinds.OnDevices(d.Kind))
            {
                Schedule(TimeSpan.FromHours(d.AtHour), ShiftEventKind.DeviceDisruption, Subject: $"{i}:start");
                Schedule(TimeSpan.FromHours(d.AtHour) + TimeSpan.FromMinutes(d.Minutes), ShiftEventKind.DeviceDisruption, Subject: $"{i}:end");
            }
        }

        for (var at = TimeSpan.Zero; at <= _truth.ShiftLength; at += SampleEvery)
        {
            Schedule(at, ShiftEventKind.Sample);
        }

        Schedule(TimeSpan.FromSeconds(_truth.Scenario.Supervisor.PollSeconds), ShiftEventKind.SupervisorLooks);
        foreach (var act in _supervisor.Planned())
        {
            Schedule(act.At, ShiftEventKind.SupervisorActs, Subject: act.Key);
        }

        _profile.Add("start", begun);
        var floor = new FloorActions(_truth, _ledger, _clock, _central, store, this, _supervisor, _conveyor, new Progress<string>(line => _progress.WriteLine(line)));
        while (_events.TryDequeue(out var next, out _) && next.At <= _truth.ShiftLength)
        {
            await AdvanceAsync(next.At, ct);
            var handled = WallProfile.Mark();
            await floor.HandleAsync(next, ct);
            _profile.Add(next.Kind.ToString(), handled);
            var settled = WallProfile.Mark();
            await _quiet.SettleAsync(ct);
            _profile.Add("settle", settled);
            if (next.Kind == ShiftEventKind.Sample && next.At > TimeSpan.Zero && next.At.Ticks % (TimeSpan.TicksPerMinute * 15) == 0)
            {
                // Speed, for the README (wall time is not a figure of the report, which must repeat byte for byte).
                await _progress.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"  {_truth.Scenario.Name}/{_policy}: shift {next.At:hh\\:mm} of {_truth.ShiftLength:hh\\:mm} after {wall.Elapsed.TotalSeconds:0} s wall, {_ledger.LinesDone} lines done"));
            }
        }

        await AdvanceAsync(_truth.ShiftLength, ct);
        foreach (var picker in _pickers.Where(p => p.Working))
        {
            picker.WorkedTime += _truth.ShiftLength - picker.WorkingSince!.Value;
        }

        var agent = await _supervisor.ReadFiguresAsync(_app.Services.GetRequiredService<PickPlanner>(), store, ct) with
        {
            ErpTaskReleases = _central.TasksReleased,
            ErpCutOffChanges = _central.CutOffChanges,
            CartonsPacked = _conveyor.CartonsSent,
        };
        wall.Stop();
        await _progress.WriteLineAsync($"  {_truth.Scenario.Name}/{_policy}: wall and CPU time by step: {_profile}; process CPU {Environment.CpuUsage.TotalTime.TotalSeconds:0} s");
        await _progress.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"  {_truth.Scenario.Name}/{_policy}: settling: {_quiet.Settles} waits for a quiet agent, {_quiet.Waits} looks found it busy, {_quiet.Sleeps} of them slept 1 ms"));
        if (_pickers.Sum(p => p.Handheld.Reconnects) is var reconnects and > 0)
        {
            // The agent saw those handhelds go offline (their last will) and back: the floor may part from a run without.
            await _progress.WriteLineAsync($"  {_truth.Scenario.Name}/{_policy}: handhelds connected again {reconnects} time(s) after the broker dropped them (wall-time keep-alive on a loaded machine); this run's report may differ from an unloaded run's");
        }

        if (_app.Services.GetServices<IHostedService>().OfType<CloudBridge.Downlink.DownlinkSubscriber>().FirstOrDefault() is { } downlink)
        {
            await _progress.WriteLineAsync($"  {_truth.Scenario.Name}/{_policy}: downlink: {downlink.Applied} commands applied in {downlink.Writes} store writes");
        }
        if (Environment.GetEnvironmentVariable("SHIFT_TRACE_DIR") is { Length: > 0 } traceDir)
        {
            // For finding where two runs of one seed part: the agent's floor history, one event a line, in order.
            Directory.CreateDirectory(traceDir);
            var lines = store.Read(db => new Fulfilment.FloorCollections(db).Events.All()
                .Select(e => $"{e.GetType().Name} {System.Text.Json.JsonSerializer.Serialize(e, e.GetType())}").ToList());
            await File.WriteAllLinesAsync(Path.Combine(traceDir, $"{_truth.Scenario.Name}-{_policy}-{Guid.NewGuid():N}.trace"), lines, ct);
        }

        return new PolicyResult
        {
            Policy = _policy.ToString(),
            Orders = _ledger.OrderOutcomes(_truth.ShiftLength),
            LinesReleased = _truth.Orders.Where(o => o.ReleaseAt <= _truth.ShiftLength).Sum(o => o.Lines.Count),
            LinesDone = _ledger.LinesDone,
            ShortLines = _ledger.ShortLines,
            TravelMetres = _ledger.Metres,
            PickerHours = _pickers.Sum(p => p.WorkedTime.TotalHours),
            StalledPicks = _ledger.StalledPicks,
            WrongScans = _ledger.WrongScans,
            Samples = _ledger.Samples,
            Agent = agent,
            WallSeconds = wall.Elapsed.TotalSeconds,
        };
    }

    /// <summary>Tells when the agent has finished what the last move set off.</summary>
    public AgentQuiet Quiet => _quiet!;

    public void Schedule(TimeSpan at, ShiftEventKind kind, FloorPicker? picker = null, string? Subject = null) =>
        _events.Enqueue(new ShiftEvent(at, kind, picker, Subject, picker?.Generation ?? 0), (at, ++_seq));

    /// <summary>
    /// Moves the agent's clock to <paramref name="at"/>. On the way it does the agent's time-driven work the runner
    /// drives (the planner's plans under the models, the reassign watch's sweeps) at the moment each falls due, and
    /// after every move and every piece of work it waits until the agent is quiet (<see cref="AgentQuiet"/>), so
    /// nothing the agent does depends on how fast this machine answers.
    /// </summary>
    private async Task AdvanceAsync(TimeSpan at, CancellationToken ct)
    {
        var target = Start + at;
        while (true)
        {
            // A trigger is in the board's channel once the floor event that raised it has been answered.
            while (_planner is not null && _board!.Requests.TryRead(out var trigger))
            {
                if (_pending is null)
                {
                    _pendingSince = _clock.GetUtcNow();
                }

                _pending = trigger;
            }

            var planDue = _planner is null ? DateTimeOffset.MaxValue : _pending is null ? _lastPlan + _refresh : Max(_lastPlan + _minInterval, _pendingSince);
            var sweepDue = _reassign is null ? DateTimeOffset.MaxValue : _lastSweep + _sweepEvery;
            var due = planDue <= sweepDue ? planDue : sweepDue;
            if (due > target)
            {
                break;
            }

            if (due > _clock.GetUtcNow())
            {
                await MoveClockAsync(due, ct);
            }

            var started = WallProfile.Mark();
            if (planDue <= sweepDue)
            {
                await PlanAsync(_pending ?? RebalanceTrigger.Manual, ct);
                _profile.Add("plan", started);
            }
            else
            {
                await _reassign!.SweepAsync(ct);
                _lastSweep = _clock.GetUtcNow();
                _profile.Add("reassign-sweep", started);
            }

            started = WallProfile.Mark();
            await _quiet!.SettleAsync(ct);
            _profile.Add("settle", started);
        }

        if (target > _clock.GetUtcNow())
        {
            await MoveClockAsync(target, ct);
        }
    }

    // The clock's timers fire inside SetUtcNow (printer polls, sweeps, time-outs); then the agent is let finish.
    private async Task MoveClockAsync(DateTimeOffset to, CancellationToken ct)
    {
        var started = WallProfile.Mark();
        _clock.SetUtcNow(to);
        await _quiet!.SettleAsync(ct);
        _profile.Add("clock", started);
    }

    private async Task PlanAsync(RebalanceTrigger trigger, CancellationToken ct)
    {
        _pending = null;
        await _planner!.RebalanceAsync(trigger, ct);
        _lastPlan = _clock.GetUtcNow();
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    public async ValueTask DisposeAsync()
    {
        foreach (var picker in _pickers)
        {
            await picker.Handheld.DisposeAsync();
        }

        _supervisor?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_central is not null)
        {
            await _central.DisposeAsync();
        }

        if (_conveyor is not null)
        {
            await _conveyor.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is not worth failing the report for.
        }
    }
}
