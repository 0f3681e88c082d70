using EdgeAgent.Models.Manifest;
using EdgeAgent.Models.Scoring;

namespace EdgeAgent.Models.Onnx;

/// <summary>
/// The shipped models loaded from one directory, each either usable or rejected with its reason.
/// Loading never throws for a bad model: the agent uses its rules for what has no model.
/// </summary>
public sealed class ModelSet : IDisposable
{
    private readonly OnnxPickDurationModel? _pickDuration;
    private readonly OnnxLateRiskModel? _lateRisk;

    private ModelSet(OnnxPickDurationModel? pickDuration, OnnxLateRiskModel? lateRisk, IReadOnlyList<ModelRejection> rejections)
    {
        _pickDuration = pickDuration;
        _lateRisk = lateRisk;
        Rejections = rejections;
    }

    /// <summary>Where a published agent finds the models its build copied next to it.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "models");

    /// <summary>The pick-duration model, or null when it was rejected (see <see cref="Rejections"/>).</summary>
    public IPickDurationModel? PickDuration => _pickDuration;

    /// <summary>The late-risk model, or null when it was rejected (see <see cref="Rejections"/>).</summary>
    public ILateRiskModel? LateRisk => _lateRisk;

    /// <summary>Each model that could not be loaded and why; empty when all loaded.</summary>
    public IReadOnlyList<ModelRejection> Rejections { get; }

    public bool IsComplete => Rejections.Count == 0;

    /// <summary>Loads every shipped model from <paramref name="directory"/>, each on its own: one bad file costs only its model.</summary>
    public static ModelSet Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var rejections = new List<ModelRejection>();
        var pickDuration = TryLoad(ModelNames.PickDuration, () => OnnxPickDurationModel.Load(directory), rejections);
        var lateRisk = TryLoad(ModelNames.LateRisk, () => OnnxLateRiskModel.Load(directory), rejections);
        return new ModelSet(pickDuration, lateRisk, rejections);
    }

    public void Dispose()
    {
        _pickDuration?.Dispose();
        _lateRisk?.Dispose();
    }

    private static TModel? TryLoad<TModel>(string name, Func<TModel> load, List<ModelRejection> rejections)
        where TModel : class
    {
        try
        {
            return load();
        }
        catch (ModelRejectedException ex)
        {
            rejections.Add(new ModelRejection(ex.ModelName, ex.Reason, ex.Detail));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Unreadable rather than wrong (permissions, a disk error): still no reason to stop the agent.
            rejections.Add(new ModelRejection(name, ModelRejectionReason.LoadFailed, ex.Message));
        }

        return null;
    }
}
