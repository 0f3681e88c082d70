namespace EdgeAgent.Models.Onnx;

/// <summary>A model the <see cref="ModelSet"/> could not load, and why: the agent uses its rules for that decision.</summary>
public sealed record ModelRejection(string ModelName, ModelRejectionReason Reason, string Message);
