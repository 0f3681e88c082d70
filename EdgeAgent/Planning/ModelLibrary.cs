using EdgeAgent.Audit;
using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using EdgeAgent.Models.Manifest;
using EdgeAgent.Models.Onnx;
using EdgeAgent.Models.Scoring;
using EdgeAgent.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Planning;

/// <summary>
/// Every version of the planner's models the agent holds: the shipped ones, those central sent (kept under the
/// data directory, which an upgrade of the agent does not replace), the one in shadow, and the previous one a
/// rollback returns to. Changes publish a new <see cref="ModelGeneration"/>; a replaced model is disposed only
/// after the planner has moved past it.
/// </summary>
public sealed partial class ModelLibrary(
    DurableStore store, FloorJournal journal, AuditLog audit, IOptions<StoreOptions> storeOptions, IOptions<ModelsOptions> options, TimeProvider time, ILogger<ModelLibrary> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<(long Generation, IDisposable Model)> _retired = [];
    private ModelGeneration _current = new(0, null, null, null);
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ModelSet? _shipped;

    /// <summary>Completes once <see cref="Load"/> has run: updates are verified only after (the planner loads at its start).</summary>
    public Task Loaded => _loaded.Task;

    /// <summary>How long a candidate runs in shadow.</summary>
    public ModelsOptions.ShadowOptions Shadow => options.Value.Shadow;

    /// <summary>The models to plan with now.</summary>
    public ModelGeneration Current => Volatile.Read(ref _current);

    /// <summary>Models sent by central live under here, one directory per update.</summary>
    public string Root => Path.Combine(Path.GetFullPath(storeOptions.Value.DataDirectory), "models");

    /// <summary>Loads the shipped models, then the promoted versions and any shadow trial the store names; returns the shipped rejections.</summary>
    public IReadOnlyList<ModelRejection> Load(string shippedDirectory)
    {
        _shipped = ModelSet.Load(shippedDirectory);
        var versions = store.Read(db => db.GetCollection<ModelVersionRecord>(ModelVersionRecord.Collection).FindAll().ToDictionary(v => v.Id, StringComparer.Ordinal));
        var pick = Active<IPickDurationModel>(ModelNames.PickDuration, versions, _shipped.PickDuration);
        var risk = Active<ILateRiskModel>(ModelNames.LateRisk, versions, _shipped.LateRisk);
        var shadow = store.Read(db => db.GetCollection<ModelUpdateRecord>(ModelUpdateRecord.Collection).Find(u => u.State == ModelUpdateState.Shadow).ToList())
            .Select(Resume).LastOrDefault(c => c is not null);
        Publish(_ => new ModelGeneration(1, pick, risk, shadow));
        _loaded.TrySetResult();
        return _shipped.Rejections;
    }

    /// <summary>Saves what a running shadow trial has counted, so a restart carries on from it.</summary>
    public Task SaveTallyAsync(string updateId, ShadowTally tally, CancellationToken ct) => store.WriteAsync(db =>
    {
        var updates = db.GetCollection<ModelUpdateRecord>(ModelUpdateRecord.Collection);
        if (updates.FindById(updateId) is { State: ModelUpdateState.Shadow } update)
        {
            update.ShadowTally = tally;
            updates.Update(update);
        }

        return 0;
    }, ct);

    /// <summary>Loads and verifies a model of <paramref name="name"/> from <paramref name="directory"/>; throws <see cref="ModelRejectedException"/>.</summary>
    public static IDisposable LoadModel(string name, string directory) => name switch
    {
        ModelNames.PickDuration => OnnxPickDurationModel.Load(directory),
        ModelNames.LateRisk => OnnxLateRiskModel.Load(directory),
        _ => throw new ModelRejectedException(name, ModelRejectionReason.ManifestInvalid, $"the agent has no model called '{name}'."),
    };

    /// <summary>A verified update starts its shadow trial; one running for the same model is superseded.</summary>
    public void StartShadow(ShadowCandidate candidate) => Publish(g =>
    {
        if (g.Shadow is { } old)
        {
            Retire(old.PickDuration ?? (object?)old.LateRisk, g.Number);
        }

        return g with { Number = g.Number + 1, Shadow = candidate };
    });

    /// <summary>Ends the shadow trial: the candidate decides from now on, or is dropped; audited, with both versions and the measures.</summary>
    public async Task<ModelShadowDecided> DecideAsync(ShadowVerdict verdict, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var generation = Current;
        var candidate = generation.Shadow is { } shadow && shadow.UpdateId == verdict.UpdateId
            ? shadow
            : throw new InvalidOperationException($"Model update {verdict.UpdateId} is not in shadow.");
        var currentVersion = generation.VersionOf(candidate.ModelName);
        var decided = await store.WriteAsync(db =>
        {
            var record = audit.Append(db, new AuditEntry
            {
                Kind = AuditKind.Decision,
                ActionType = "planning.model-update",
                Actor = "system",
                Verdict = verdict.Promote ? "promoted" : "kept",
                Method = candidate.ModelName,
                MethodVersion = candidate.Identity.Version,
                Inputs = System.Text.Json.JsonSerializer.Serialize(new { candidate.UpdateId, currentVersion, candidate = candidate.Identity.Version, candidate.Identity.Sha256, verdict.Measure, verdict.CurrentError, verdict.CandidateError, verdict.Samples }),
                Reason = verdict.Reason,
            });
            var update = Updates(db).FindById(candidate.UpdateId);
            if (update is not null)
            {
                update.State = verdict.Promote ? ModelUpdateState.Promoted : ModelUpdateState.Kept;
                update.Detail = verdict.Reason;
                update.UpdatedAt = record.At;
                Updates(db).Upsert(update);
            }

            if (verdict.Promote)
            {
                var versions = Versions(db);
                var v = versions.FindById(candidate.ModelName) ?? new ModelVersionRecord { Id = candidate.ModelName };
                (v.PreviousDirectory, v.HasPrevious, v.ActiveDirectory) = (v.ActiveDirectory, true, candidate.Directory);
                versions.Upsert(v);
            }

            var floorEvent = new ModelShadowDecided
            {
                At = record.At, DeviceId = PickPlanner.Planner, Seq = record.Seq, UpdateId = candidate.UpdateId, ModelName = candidate.ModelName,
                CurrentVersion = currentVersion, CandidateVersion = candidate.Identity.Version, Promoted = verdict.Promote, Measure = verdict.Measure,
                CurrentError = verdict.CurrentError, CandidateError = verdict.CandidateError, Samples = verdict.Samples, AuditSeq = record.Seq,
            };
            new FloorCollections(db, journal).Record(floorEvent);
            return floorEvent;
        }, ct);

        Publish(g =>
        {
            if (!verdict.Promote)
            {
                Retire(candidate.PickDuration ?? (object?)candidate.LateRisk, g.Number);
                return g with { Number = g.Number + 1, Shadow = null };
            }

            // The replaced model stays on disk (or shipped) for a rollback, which loads it again.
            Retire(candidate.ModelName == ModelNames.PickDuration ? g.PickDuration : g.LateRisk, g.Number);
            return candidate.ModelName == ModelNames.PickDuration
                ? g with { Number = g.Number + 1, PickDuration = candidate.PickDuration, Shadow = null }
                : g with { Number = g.Number + 1, LateRisk = candidate.LateRisk, Shadow = null };
        });
        LogDecided(logger, candidate.ModelName, candidate.Identity.Version, verdict.Promote, verdict.Measure, verdict.CandidateError, verdict.CurrentError, verdict.Samples);
        return decided;
    }

    /// <summary>
    /// Puts the previous version of <paramref name="name"/> back in charge (the version it replaces becomes the
    /// previous one, so a second rollback undoes the first); null when there is nothing to return to.
    /// </summary>
    public async Task<ModelRolledBack?> RollbackAsync(string name, string actor, string? reason, CancellationToken ct)
    {
        var record = store.Read(db => Versions(db).FindById(name));
        if (record is not { HasPrevious: true })
        {
            return null;
        }

        // Load before anything changes: a previous version that no longer verifies is refused, the current one stays.
        var previous = record.PreviousDirectory is { } directory ? LoadModel(name, directory) : Shipped(name) as IDisposable;
        var from = Current.VersionOf(name);
        var to = (previous as IPickDurationModel)?.Identity.Version ?? (previous as ILateRiskModel)?.Identity.Version ?? "none";
        var rolledBack = await store.WriteAsync(db =>
        {
            var entry = audit.Append(db, new AuditEntry
            {
                Kind = AuditKind.HumanAction, ActionType = "planning.model-rollback", Actor = actor, Verdict = "rolled-back",
                Method = name, MethodVersion = to, Inputs = System.Text.Json.JsonSerializer.Serialize(new { from, to }), Reason = reason,
            });
            var v = Versions(db).FindById(name)!;
            (v.ActiveDirectory, v.PreviousDirectory) = (v.PreviousDirectory, v.ActiveDirectory);
            Versions(db).Upsert(v);
            var floorEvent = new ModelRolledBack { At = entry.At, DeviceId = GovernanceDeviceId, Seq = entry.Seq, ModelName = name, FromVersion = from, ToVersion = to, Actor = actor, Reason = reason, AuditSeq = entry.Seq };
            new FloorCollections(db, journal).Record(floorEvent);
            return floorEvent;
        }, ct);
        Publish(g =>
        {
            Retire(name == ModelNames.PickDuration ? g.PickDuration : g.LateRisk, g.Number);
            return name == ModelNames.PickDuration
                ? g with { Number = g.Number + 1, PickDuration = (IPickDurationModel?)previous }
                : g with { Number = g.Number + 1, LateRisk = (ILateRiskModel?)previous };
        });
        LogRolledBack(logger, name, from, to, actor);
        return rolledBack;
    }

    /// <summary>The planner plans with <paramref name="generation"/> now: models retired before it are no longer in use.</summary>
    public void Acknowledge(long generation)
    {
        List<IDisposable> free;
        lock (_gate)
        {
            free = [.. _retired.Where(r => r.Generation <= generation).Select(r => r.Model)];
            _retired.RemoveAll(r => r.Generation <= generation);
        }

        foreach (var model in free)
        {
            model.Dispose();
        }
    }

    public void Dispose()
    {
        var g = Current;
        var models = new object?[] { g.PickDuration, g.LateRisk, g.Shadow?.PickDuration, g.Shadow?.LateRisk };
        Acknowledge(long.MaxValue);
        foreach (var model in models.OfType<IDisposable>())
        {
            model.Dispose();
        }

        _shipped?.Dispose();
    }

    private const string GovernanceDeviceId = "governance";

    private static ILiteCollection<ModelVersionRecord> Versions(LiteDatabase db) => db.GetCollection<ModelVersionRecord>(ModelVersionRecord.Collection);

    private static ILiteCollection<ModelUpdateRecord> Updates(LiteDatabase db) => db.GetCollection<ModelUpdateRecord>(ModelUpdateRecord.Collection);

    private object? Shipped(string name) => name == ModelNames.PickDuration ? _shipped?.PickDuration : _shipped?.LateRisk;

    private T? Active<T>(string name, Dictionary<string, ModelVersionRecord> versions, T? shipped)
        where T : class
    {
        if (!versions.TryGetValue(name, out var v) || v.ActiveDirectory is null)
        {
            return shipped;
        }

        try
        {
            return (T)LoadModel(name, v.ActiveDirectory);
        }
        catch (Exception ex) when (ex is ModelRejectedException or IOException or UnauthorizedAccessException)
        {
            // A promoted model damaged on disk since: the shipped one decides, and the log says why.
            LogPromotedUnusable(logger, name, v.ActiveDirectory, ex.Message);
            return shipped;
        }
    }

    private ShadowCandidate? Resume(ModelUpdateRecord update)
    {
        try
        {
            var model = LoadModel(update.ModelName, update.Directory!);
            var pick = model as IPickDurationModel;
            var risk = model as ILateRiskModel;
            // The trial carries on where it was: its period from when it began, its outcomes as last saved.
            var startedAt = update.ShadowStartedAt is { } began
                ? new DateTimeOffset(began.Kind == DateTimeKind.Local ? began.ToUniversalTime() : DateTime.SpecifyKind(began, DateTimeKind.Utc))
                : time.GetUtcNow();
            return new ShadowCandidate(update.Id, update.ModelName, pick?.Identity ?? risk!.Identity, pick, risk, update.Directory!, startedAt, update.ShadowTally);
        }
        catch (Exception ex) when (ex is ModelRejectedException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            LogPromotedUnusable(logger, update.ModelName, update.Directory ?? "(none)", ex.Message);
            return null;
        }
    }

    private void Retire(object? model, long generation)
    {
        // The shipped models belong to the shipped set, which lives as long as the library.
        if (model is IDisposable disposable && model != _shipped?.PickDuration && model != _shipped?.LateRisk)
        {
            _retired.Add((generation + 1, disposable));
        }
    }

    private void Publish(Func<ModelGeneration, ModelGeneration> change)
    {
        lock (_gate)
        {
            Volatile.Write(ref _current, change(_current));
        }
    }

    [LoggerMessage(EventId = 74, Level = LogLevel.Information, Message = "Model {Model} {Candidate} promoted: {Promoted} ({Measure} {CandidateError:0.###} against {CurrentError:0.###} over {Samples} outcomes)")]
    private static partial void LogDecided(ILogger logger, string model, string candidate, bool promoted, string measure, double candidateError, double currentError, int samples);

    [LoggerMessage(EventId = 75, Level = LogLevel.Warning, Message = "Model {Model} rolled back from {From} to {To} by {Actor}")]
    private static partial void LogRolledBack(ILogger logger, string model, string from, string to, string actor);

    [LoggerMessage(EventId = 76, Level = LogLevel.Error, Message = "Model {Model} in {Directory} no longer loads ({Detail}); it is not used")]
    private static partial void LogPromotedUnusable(ILogger logger, string model, string directory, string detail);
}
