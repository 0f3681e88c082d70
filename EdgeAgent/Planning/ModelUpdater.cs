using System.Text.Json;
using EdgeAgent.Events;
using EdgeAgent.Fulfilment;
using EdgeAgent.Models.Manifest;
using EdgeAgent.Models.Onnx;
using EdgeAgent.Models.Scoring;
using EdgeAgent.Storage;
using Microsoft.Extensions.Options;

namespace EdgeAgent.Planning;

/// <summary>
/// Verifies each model update whose chunks are all stored: reassembles the <c>.onnx</c> into its own directory
/// under the data directory, checks it against its manifest (hash, feature schema, graph, check set) with the
/// same loader the shipped models pass, and starts its shadow trial, or refuses it with a reason code that
/// goes back to central. Also picks up updates left received by a restart.
/// </summary>
public sealed partial class ModelUpdater(
    DurableStore store, FloorJournal journal, ModelUpdateIntake intake, ModelLibrary library, IOptions<ModelsOptions> options, TimeProvider time, ILogger<ModelUpdater> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await library.Loaded.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var pending = store.Read(db => db.GetCollection<ModelUpdateRecord>(ModelUpdateRecord.Collection).Find(u => u.State == ModelUpdateState.Received).ToList());
            foreach (var update in pending)
            {
                await VerifyAsync(update, stoppingToken);
            }

            // The hint can come before its write is committed; the periodic look covers that and a restart.
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var tick = Task.Delay(TimeSpan.FromSeconds(1), time, wait.Token);
            await Task.WhenAny(tick, intake.Complete.WaitToReadAsync(wait.Token).AsTask());
            await wait.CancelAsync();
            while (intake.Complete.TryRead(out _))
            {
            }
        }
    }

    internal async Task VerifyAsync(ModelUpdateRecord update, CancellationToken ct)
    {
        var directory = Path.Combine(library.Root, update.ModelName, update.Id);
        var (model, code, detail) = Check(update, directory);
        var now = time.GetUtcNow();
        if (model is null)
        {
            LogRefused(logger, update.Id, update.ModelName, code!, detail!);
            TryDelete(directory);
            await store.WriteAsync(db =>
            {
                ModelUpdateIntake.Abandon(db, update, now.UtcDateTime, code!, detail!);
                ModelUpdateIntake.Refuse(new FloorCollections(db, journal), now.UtcDateTime, update.LastCommandId, update.Id, update.ModelName, code!, detail!);
                return 0;
            }, ct);
            return;
        }

        var pick = model as IPickDurationModel;
        var risk = model as ILateRiskModel;
        var identity = pick?.Identity ?? risk!.Identity;
        var currentVersion = library.Current.VersionOf(update.ModelName);
        await store.WriteAsync(db =>
        {
            update.State = ModelUpdateState.Shadow;
            update.Version = identity.Version;
            update.Directory = directory;
            update.UpdatedAt = now.UtcDateTime;
            update.ShadowStartedAt = now.UtcDateTime;
            update.ShadowTally = null;
            var updates = db.GetCollection<ModelUpdateRecord>(ModelUpdateRecord.Collection);
            // One trial per model at a time: a newer update supersedes one still in shadow.
            foreach (var older in updates.Find(u => u.State == ModelUpdateState.Shadow && u.ModelName == update.ModelName && u.Id != update.Id))
            {
                older.State = ModelUpdateState.Kept;
                older.Detail = $"superseded by update {update.Id}";
                updates.Upsert(older);
            }

            updates.Upsert(update);
            db.GetCollection<ModelUpdateChunkRecord>(ModelUpdateChunkRecord.Collection).DeleteMany(c => c.UpdateId == update.Id);
            new FloorCollections(db, journal).Record(new ModelShadowStarted
            {
                At = now.UtcDateTime, DeviceId = PickPlanner.Planner, UpdateId = update.Id, ModelName = update.ModelName,
                CurrentVersion = currentVersion, CandidateVersion = identity.Version, CandidateSha256 = identity.Sha256, Samples = options.Value.Shadow.Samples,
            });
            return 0;
        }, ct);
        library.StartShadow(new ShadowCandidate(update.Id, update.ModelName, identity, pick, risk, directory, now));
        LogShadow(logger, update.Id, update.ModelName, identity.Version, currentVersion);
    }

    private (IDisposable? Model, string? Code, string? Detail) Check(ModelUpdateRecord update, string directory)
    {
        ModelManifest manifest;
        try
        {
            manifest = ModelManifest.Parse(update.Manifest ?? "");
        }
        catch (JsonException ex)
        {
            return (null, ModelUpdateRefusal.Malformed, $"the manifest is not a model manifest: {ex.Message}");
        }

        if (manifest.Name != update.ModelName)
        {
            return (null, ModelUpdateRefusal.ManifestMismatch, $"the manifest describes '{manifest.Name}', the update carries '{update.ModelName}'");
        }

        try
        {
            Write(update, directory);
            return (ModelLibrary.LoadModel(update.ModelName, directory), null, null);
        }
        catch (ModelRejectedException ex)
        {
            return (null, CodeOf(ex.Reason), ex.Detail);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, ModelUpdateRefusal.Malformed, $"the model could not be stored: {ex.Message}");
        }
    }

    // Chunks joined in order, written and fsynced before the loader reads them back.
    private void Write(ModelUpdateRecord update, string directory)
    {
        Directory.CreateDirectory(directory);
        var chunks = store.Read(db => db.GetCollection<ModelUpdateChunkRecord>(ModelUpdateChunkRecord.Collection)
            .Find(c => c.UpdateId == update.Id).OrderBy(c => c.Index).Select(c => c.Data).ToList());
        using (var onnx = new FileStream(Path.Combine(directory, ModelManifest.ModelFileName(update.ModelName)), FileMode.Create, FileAccess.Write))
        {
            foreach (var data in chunks)
            {
                onnx.Write(data);
            }

            onnx.Flush(flushToDisk: true);
        }

        using var manifest = new FileStream(Path.Combine(directory, ModelManifest.FileName(update.ModelName)), FileMode.Create, FileAccess.Write);
        manifest.Write(System.Text.Encoding.UTF8.GetBytes(update.Manifest!));
        manifest.Flush(flushToDisk: true);
    }

    private static string CodeOf(ModelRejectionReason reason) => reason switch
    {
        ModelRejectionReason.HashMismatch => ModelUpdateRefusal.HashMismatch,
        ModelRejectionReason.CheckSetMismatch => ModelUpdateRefusal.CheckSetFailed,
        ModelRejectionReason.ManifestInvalid or ModelRejectionReason.FeatureMismatch or ModelRejectionReason.InputMismatch or ModelRejectionReason.OutputMismatch => ModelUpdateRefusal.ManifestMismatch,
        _ => ModelUpdateRefusal.Malformed,
    };

    private void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogCleanupFailed(logger, directory, ex.Message);
        }
    }

    [LoggerMessage(EventId = 77, Level = LogLevel.Warning, Message = "Model update {UpdateId} ({Model}) refused, {Code}: {Detail}")]
    private static partial void LogRefused(ILogger logger, string updateId, string model, string code, string detail);

    [LoggerMessage(EventId = 78, Level = LogLevel.Information, Message = "Model update {UpdateId}: {Model} {Candidate} verified, in shadow beside {Current}")]
    private static partial void LogShadow(ILogger logger, string updateId, string model, string candidate, string current);

    [LoggerMessage(EventId = 79, Level = LogLevel.Warning, Message = "Refused model files in {Directory} could not be removed: {Detail}")]
    private static partial void LogCleanupFailed(ILogger logger, string directory, string detail);
}
