namespace EdgeAgent.Models.Onnx;

/// <summary>A model file refused at load, saying which model and what is wrong with it.</summary>
public sealed class ModelRejectedException : Exception
{
    public ModelRejectedException()
        : this("unknown", ModelRejectionReason.LoadFailed, "The model was rejected.")
    {
    }

    public ModelRejectedException(string message)
        : this("unknown", ModelRejectionReason.LoadFailed, message)
    {
    }

    public ModelRejectedException(string message, Exception innerException)
        : this("unknown", ModelRejectionReason.LoadFailed, message, innerException)
    {
    }

    public ModelRejectedException(string modelName, ModelRejectionReason reason, string message, Exception? innerException = null)
        : base($"Model '{modelName}' rejected ({reason}): {message}", innerException)
    {
        ModelName = modelName;
        Reason = reason;
        Detail = message;
    }

    public string ModelName { get; }

    public ModelRejectionReason Reason { get; }

    /// <summary>What is wrong, without the model name and reason prefix.</summary>
    public string Detail { get; }
}
