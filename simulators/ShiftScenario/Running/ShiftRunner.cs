using System.Diagnostics;
using EdgeAgent.Broker;
using EdgeAgent.Fulfilment;
using EdgeAgent.Hosting;
using EdgeAgent.Planning;
using EdgeAgent.ShiftScenario.Report;
using EdgeAgent.ShiftScenario.Truth;
using EdgeAgent.Simulators.Handhelds;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAgent.ShiftScenario.Running;

/// <summary>
/// Plays one shift of the floor truth against the real agent under one policy. Time is a stepped virtual clock:
/// the runner takes the earliest floor event, moves the agent's injected clock to it, and speaks to the agent
/// through its real interfaces (MQTT handhelds, the console's HTTP API); the agent answers in wall time while the
/// clock stands still, so how fast this machine is does not change what happens on the floor.
/// </summary>
internal sealed partial class ShiftRunner : IAsyncDisposable
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMinutes(5);

    /// <summary>Virtual time the floor may run ahead of the agent's latest plan before the runner waits for a new one.</summary>
    private static readonly TimeSpan PlanFreshness = TimeSpan.FromSeconds(5);

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
    private ScriptedSupervisor? _supervisor;

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
        var port = AgentConfiguration.FreeLoopbackPort();
        _app = AgentHost.Build([], new AgentHostOptions
        {
            ConfigurationDefaults = AgentConfiguration.For(_truth, _policy, Path.Combine(_root, "agent"), port),
            BeforeParts = (services, _) => services.AddSingleton<TimeProvider>(_clock),
        });
        await _app.StartAsync(ct);
        var broker = _app.Services.GetRequiredService<AgentBroker>();
        var releases = _app.Services.GetRequiredService<TaskReleases>();
        var board = _app.Services.GetRequiredService<PlanBoard>();
        _supervisor = new ScriptedSupervisor(new Uri($"http://127.0.0.1:{port}"), _truth);
        var site = _app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Configuration.AgentOptions>>().Value.Site;
        foreach (var truth in _truth.Pickers)
        {
            var handheld = new HandheldClient(new HandheldClientOptions
            {
                Host = broker.Host,
                Port = broker.Port,
                Site = site,
                DeviceId = truth.DeviceId,
                Password = AgentConfiguration.Password(truth.DeviceId),
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

        for (var at = TimeSpan.Zero; at <= _truth.ShiftLength; at += SampleEvery)
        {
            Schedule(at, ShiftEventKind.Sample);
        }

        Schedule(TimeSpan.FromSeconds(_truth.Scenario.Supervisor.PollSeconds), ShiftEventKind.SupervisorLooks);
        foreach (var act in _supervisor.Planned())
        {
            Schedule(act.At, ShiftEventKind.SupervisorActs, Subject: act.Key);
        }

        var floor = new FloorActions(_truth, _ledger, _clock, releases, this, _supervisor);
        while (_events.TryDequeue(out var next, out _) && next.At <= _truth.ShiftLength)
        {
            await AdvanceAsync(next.At, board, ct);
            await floor.HandleAsync(next, ct);
        }

        await AdvanceAsync(_truth.ShiftLength, board, ct);
        foreach (var picker in _pickers.Where(p => p.Working))
        {
            picker.WorkedTime += _truth.ShiftLength - picker.WorkingSince!.Value;
        }

        var agent = await _supervisor.ReadFiguresAsync(_app.Services.GetRequiredService<PickPlanner>(), ct);
        wall.Stop();
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

    public void Schedule(TimeSpan at, ShiftEventKind kind, FloorPicker? picker = null, string? Subject = null) =>
        _events.Enqueue(new ShiftEvent(at, kind, picker, Subject, picker?.Generation ?? 0), (at, ++_seq));

    /// <summary>Moves the agent's clock; under the models, first lets the planner catch up with the floor.</summary>
    private async Task AdvanceAsync(TimeSpan at, PlanBoard board, CancellationToken ct)
    {
        var target = Start + at;
        if (target <= _clock.GetUtcNow())
        {
            return;
        }

        if (_policy == PlanningPolicy.Models)
        {
            // Step through the planner's cadence so the plan the pick loop reads is never older than PlanFreshness.
            while (target - new DateTimeOffset(board.Current.ComputedAt, TimeSpan.Zero) > PlanFreshness)
            {
                var seq = board.Current.Seq;
                var step = new DateTimeOffset(board.Current.ComputedAt, TimeSpan.Zero) + PlanFreshness;
                if (step > _clock.GetUtcNow())
                {
                    _clock.SetUtcNow(step < target ? step : target);
                }

                if (!await WaitForPlanAsync(board, seq, ct))
                {
                    break;
                }
            }
        }

        if (target > _clock.GetUtcNow())
        {
            _clock.SetUtcNow(target);
        }
    }

    private async Task<bool> WaitForPlanAsync(PlanBoard board, long seq, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (board.Current.Seq == seq)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(5))
            {
                await _progress.WriteLineAsync($"  planner gave no new plan within 5 s of wall time at {_clock.GetUtcNow() - Start:hh\\:mm\\:ss}");
                return false;
            }

            // Nudge the planner's own short timers (its 200 ms pause between plans) without passing the floor.
            _clock.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(1, ct);
        }

        return true;
    }

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
