using EdgeAgent.Drivers.Presence;
using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using EdgeAgent.Models.Drift;
using EdgeAgent.Models.Layout;
using EdgeAgent.Models.Onnx;
using EdgeAgent.Models.Rebalancing;
using EdgeAgent.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Planning;

/// <summary>
/// Keeps the plan board current: on each trigger (coalesced) and every few seconds it reads the floor,
/// feeds finished picks to the drift monitor, asks the rebalancer for a plan and publishes it. The models
/// load once at start; a model that fails its manifest check leaves the rule in charge, never the agent down.
/// </summary>
public sealed partial class PickPlanner(
    DurableStore store,
    PlanBoard board,
    FloorJournal journal,
    IOptions<PlanningOptions> options,
    IOptions<PickerOptions> pickers,
    TimeProvider time,
    ILogger<PickPlanner> logger,
    PresenceTracker? presence = null,
    ModelLibrary? library = null) : BackgroundService
{
    /// <summary>The source of the floor events the planner records.</summary>
    public const string Planner = "planner";

    private const string TrustCollection = "planning_trust";
    private readonly PlanningOptions _options = options.Value;
    private readonly DriftMonitor _drift = new(options.Value.Drift, time);
    private readonly WorkMirror _work = new();
    private readonly ModelInputWatch _inputs = new(options.Value.InputDrift, time);
    private readonly PlannerCounters _counters = new();
    private Rebalancer? _rebalancer;
    private ModelSet? _models;
    private IReadOnlyList<ModelRejection> _rejections = [];
    private ModelGeneration? _generation;
    private Rebalancer? _shadowRebalancer;
    private ShadowTrial? _trial;
    private int _savedSamples;
    private PickPlan? _announced;
    private long _seq;
    private volatile bool _latchedBeforeStart;

    /// <summary>What the planner last did, for the supervisor page; null before the first plan.</summary>
    public PlannerStatus? Status { get; private set; }

    public DriftStatus Drift => _drift.Status();

    /// <summary>Per model and feature, how far live requests are from the training distribution (PSI).</summary>
    public object InputDrift => _inputs.Status();

    /// <summary>Rebalances made, by method and fallback reason, for the metrics.</summary>
    public PlannerCounters Counters => _counters;

    /// <summary>True while a drift alarm keeps the models off (also one raised before the last restart).</summary>
    public bool ModelsSwitchedOff => _drift.UseRuleFallback || _latchedBeforeStart;

    /// <summary>
    /// A person trusts the models again after a drift alarm, inside the caller's write (with its audit
    /// record); the planner follows at its next rebalance.
    /// </summary>
    public void Reenable(LiteDatabase db, string by, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(db);
        var trust = Trust(db);
        trust.Latched = false;
        trust.ReenabledBy = by;
        trust.ReenabledAt = at;
        db.GetCollection<ModelTrust>(TrustCollection).Upsert(trust);
    }

    /// <summary>After <see cref="Reenable(LiteDatabase, string, DateTime)"/> has committed: the monitor starts afresh.</summary>
    public void Reenabled(string by)
    {
        _drift.Reenable(by);
        _latchedBeforeStart = false;
        board.RequestReplan(RebalanceTrigger.Manual);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        board.ReleaseOrder = _options.Policy == PlanningPolicy.Static;
        if (!_options.Enabled || _options.Policy != PlanningPolicy.Models || _options.DrivenByCaller)
        {
            return;
        }

        await InitialiseAsync(stoppingToken);
        var trigger = RebalanceTrigger.Manual;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RebalanceAsync(trigger, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The board keeps the last plan and the pick loop's rule covers the rest; try again next time.
                LogRebalanceFailed(logger, ex, trigger);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(_options.MinIntervalMilliseconds), time, stoppingToken);
            trigger = await NextTriggerAsync(stoppingToken);
        }
    }

    public override void Dispose()
    {
        _models?.Dispose();
        base.Dispose();
    }

    /// <summary>Loads the models and the persisted trust.</summary>
    internal async Task InitialiseAsync(CancellationToken ct)
    {
        _latchedBeforeStart = store.Read(Trust).Latched;
        _rebalancer = await LoadAsync(ct);
    }

    private async Task<RebalanceTrigger> NextTriggerAsync(CancellationToken stoppingToken)
    {
        if (board.Requests.TryRead(out var ready))
        {
            return ready;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var refresh = Task.Delay(TimeSpan.FromSeconds(_options.RefreshSeconds), time, wait.Token);
        var request = board.Requests.WaitToReadAsync(wait.Token).AsTask();
        await Task.WhenAny(refresh, request);
        await wait.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
        return board.Requests.TryRead(out var trigger) ? trigger : RebalanceTrigger.Manual;
    }

    private async Task<Rebalancer> LoadAsync(CancellationToken ct)
    {
        var directory = string.IsNullOrWhiteSpace(_options.ModelDirectory) ? ModelSet.DefaultDirectory : _options.ModelDirectory;
        if (library is null)
        {
            _models = ModelSet.Load(directory);
            _rejections = _models.Rejections;
        }
        else
        {
            _rejections = library.Load(directory);
            _generation = library.Current;
        }

        foreach (var rejection in _rejections)
        {
            LogModelRejected(logger, rejection.ModelName, rejection.Reason, rejection.Message);
            await RecordAsync(now => new ModelRejected { At = now, DeviceId = Planner, ModelName = rejection.ModelName, Reason = rejection.Reason.ToString(), Message = rejection.Message }, ct);
        }

        var (pick, risk) = _inputs.Wrap(_generation?.PickDuration ?? _models?.PickDuration, _generation?.LateRisk ?? _models?.LateRisk);
        var rebalancer = new Rebalancer(pick, risk, new WarehouseLayout(), Settings(), time);
        if (_generation is not null)
        {
            StartTrial(_generation);
        }

        return rebalancer;
    }

    private RebalancerOptions Settings() => new() { Horizon = _options.Horizon, Deadline = TimeSpan.FromMilliseconds(_options.DeadlineMilliseconds) };

    // A new generation (update in shadow, promotion, rollback) is taken between two rebalances: a reference read, no pause.
    private void Adopt()
    {
        if (library is null || library.Current is not { } next || next.Number == _generation?.Number)
        {
            return;
        }

        var (pick, risk) = _inputs.Wrap(next.PickDuration, next.LateRisk);
        _rebalancer!.UseModels(pick, risk);
        if (next.Shadow?.UpdateId != _trial?.Candidate.UpdateId)
        {
            StartTrial(next);
        }
        else if (next.Shadow is { } candidate)
        {
            // Same trial, other models changed (a rollback): the shadow must not keep a model about to be disposed.
            _shadowRebalancer = new Rebalancer(candidate.PickDuration ?? next.PickDuration, candidate.LateRisk ?? next.LateRisk, new WarehouseLayout(), Settings(), time);
        }

        _generation = next;
        library.Acknowledge(next.Number);
    }

    private void StartTrial(ModelGeneration generation)
    {
        if (generation.Shadow is not { } candidate)
        {
            (_trial, _shadowRebalancer) = (null, null);
            return;
        }

        var current = generation.IdentityOf(candidate.ModelName);
        _trial = new ShadowTrial(candidate, library!.Shadow, currentMissing: current is null);
        _savedSamples = _trial.Samples;
        _shadowRebalancer = new Rebalancer(candidate.PickDuration ?? generation.PickDuration, candidate.LateRisk ?? generation.LateRisk, new WarehouseLayout(), Settings(), time);
        LogShadowTrial(logger, candidate.ModelName, candidate.Identity.Version, current?.Version ?? "none");
    }

    // The candidate plans the same live request; its plan is only compared, never published.
    private async Task ShadowAsync(RebalanceRequest request, RebalancePlan live, DateTimeOffset now, CancellationToken ct)
    {
        if (_trial is null || _shadowRebalancer is null)
        {
            return;
        }

        var shadow = _shadowRebalancer.Rebalance(request with { DriftLatched = false }, TimeSpan.FromMilliseconds(_options.ColdDeadlineMilliseconds));
        _trial.Observe(request, live, shadow);
        if (_trial.Verdict(now) is { } verdict)
        {
            (_trial, _shadowRebalancer) = (null, null);
            await library!.DecideAsync(verdict, ct);
        }
        else if (_trial.Samples != _savedSamples)
        {
            _savedSamples = _trial.Samples;
            await library!.SaveTallyAsync(_trial.Candidate.UpdateId, _trial.Tally, ct);
        }
    }

    internal async Task RebalanceAsync(RebalanceTrigger trigger, CancellationToken ct)
    {
        Adopt();
        var now = time.GetUtcNow();
        var floor = PlanningReader.Read(store, _work, _options.MaxOpenTasks, firstLook: _seq == 0);
        await FeedDriftAsync(floor, ct);
        var request = PlanMapping.Request(floor, pickers.Value, presence?.Snapshot() ?? [], now, trigger, ModelsSwitchedOff);
        var cold = _seq == 0 ? TimeSpan.FromMilliseconds(_options.ColdDeadlineMilliseconds) : (TimeSpan?)null;
        var plan = _rebalancer!.Rebalance(request, cold);
        var published = PlanMapping.Plan(plan, ++_seq, now.UtcDateTime, floor.Open);
        board.Publish(published);
        Status = new PlannerStatus(published, plan.Elapsed, plan.Counters, plan.Objective, _rejections);
        await ShadowAsync(request, plan, now, ct);
        foreach (var alarm in _inputs.Evaluate())
        {
            LogInputDrift(logger, alarm.ModelName, alarm.Feature, alarm.Psi, alarm.Threshold, alarm.Samples);
            await RecordAsync(at => new ModelInputDrift { At = at, DeviceId = Planner, ModelName = alarm.ModelName, ModelVersion = alarm.ModelVersion, Feature = alarm.Feature, Psi = alarm.Psi, Threshold = alarm.Threshold, Samples = alarm.Samples }, ct);
        }
        _counters.Count(plan);
        // A deadline missed now and then is counted, not announced: only lasting changes of method are news.
        var lasting = Reason(published) != nameof(FallbackReason.DeadlineExceeded);
        if (lasting && (_announced is null || _announced.Method != published.Method || Reason(_announced) != Reason(published)))
        {
            _announced = published;
            LogMethod(logger, published.Method, published.FallbackReason ?? "models trusted", published.Models);
            await RecordAsync(now => new PlanningMethodChanged { At = now, DeviceId = Planner, Method = published.Method, FallbackReason = published.FallbackReason }, ct);
        }
    }

    private async Task FeedDriftAsync(PlanningSnapshot floor, CancellationToken ct)
    {
        foreach (var pick in floor.Completed)
        {
            if (pick is { PredictedSeconds: > 0, AssignedAt: { } assignedAt, CompletedAt: { } done } && done > assignedAt)
            {
                await AlarmAsync(_drift.RecordPick(pick.PredictedSeconds.Value, (done - assignedAt).TotalSeconds), ct);
            }

            if (pick is { AssignedAt: { } from, CompletedAt: { } to } && to > from)
            {
                _trial?.RecordPick(pick.Id, (to - from).TotalSeconds);
            }
        }

        foreach (var order in floor.Orders)
        {
            await AlarmAsync(_drift.RecordOrder(order.PredictedRisk, order.Late), ct);
            _trial?.RecordOrder(order.OrderId, order.Late);
        }
    }

    private async Task AlarmAsync(DriftAlarm? alarm, CancellationToken ct)
    {
        if (alarm is null)
        {
            return;
        }

        LogDrift(logger, alarm.Signal, alarm.Drift, alarm.Threshold, alarm.Samples, alarm.SwitchedToFallback);
        var detail = FormattableString.Invariant(
            $"{alarm.Signal}: expected {alarm.Expected:0.###}, observed {alarm.Observed:0.###}, drift {alarm.Drift:+0.###;-0.###} past {alarm.Threshold:0.###} over {alarm.Samples} samples{(alarm.SwitchedToFallback ? "; the rule decides until a person re-enables the models" : "")}");
        var drifted = new ModelDriftAlarm
        {
            At = alarm.RaisedAt.UtcDateTime,
            DeviceId = Planner,
            Signal = alarm.Signal.ToString(),
            Expected = alarm.Expected,
            Observed = alarm.Observed,
            Drift = alarm.Drift,
            Threshold = alarm.Threshold,
            Samples = alarm.Samples,
            SwitchedToFallback = alarm.SwitchedToFallback,
        };
        await RecordAsync(_ => drifted, ct, db =>
        {
            if (alarm.SwitchedToFallback)
            {
                var trust = Trust(db);
                trust.Latched = true;
                trust.Reason = detail;
                trust.LatchedAt = alarm.RaisedAt.UtcDateTime;
                db.GetCollection<ModelTrust>(TrustCollection).Upsert(trust);
            }
        });
    }

    private static ModelTrust Trust(LiteDatabase db) =>
        db.GetCollection<ModelTrust>(TrustCollection).FindById(ModelTrust.SingletonId) ?? new ModelTrust();

    private Task<int> RecordAsync(Func<DateTime, FloorEvent> build, CancellationToken ct, Action<LiteDatabase>? alsoChange = null) =>
        store.WriteAsync(db =>
        {
            alsoChange?.Invoke(db);
            new FloorCollections(db, journal).Record(build(time.GetUtcNow().UtcDateTime));
            return 0;
        }, ct);

    private static string? Reason(PickPlan plan) => plan.FallbackReason?.Split(':')[0];
}
